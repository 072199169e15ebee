using CnnCompiler.Generator.Layers;
using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>
/// Infers every layer's shapes and parameter offsets before anything is emitted, and reports each shape error on the
/// attribute that causes it, with the numbers that make it wrong.
/// </summary>
internal static class ShapeInference
{
    /// <summary>Parameters the generator supports (offsets are 32-bit and the buffer is one array).</summary>
    public const long MaxParameters = 256L * 1024 * 1024;

    /// <summary>Floats in one sample's activation of any layer (workspaces hold a batch of them in one array).</summary>
    public const long MaxActivationLength = 16L * 1024 * 1024;

    public static AnalysisResult Analyze(ParseResult parsed, BuildSettings settings)
    {
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        NetworkDecl? network = parsed.Network;
        if (network is null) return new AnalysisResult(null, diagnostics.ToEquatableArray());
        DeclLocations locations = parsed.Locations;
        int errorsBefore = CountErrors(diagnostics);
        BuildChecks.CheckLanguageVersion(network, locations, settings, diagnostics);

        if (network.Layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NoLayers, locations.Network ?? locations.Class, network.Type.Name));
            return new AnalysisResult(null, diagnostics.ToEquatableArray());
        }

        string[] names = LayerNames.Assign(network.Layers);
        CheckNames(network, names, locations, diagnostics);
        int lossIndex = CheckLossPlacement(network, names, locations, diagnostics);

        var input = new Shape(network.InputShape);
        if (input.Length > MaxActivationLength)
        {
            // Lengths are 32-bit constants in the generated code, and every layer reading the input holds a batch of it.
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, locations.Network ?? locations.Class, network.Type.Name, $"the input ({input})", Count(input.Length), Count(MaxActivationLength)));
            return new AnalysisResult(null, diagnostics.ToEquatableArray());
        }
        var builder = new PlanBuilder();
        int computeLayers = lossIndex >= 0 ? lossIndex : network.Layers.Count;
        for (int i = 0; i < computeLayers; i++)
        {
            LayerDecl layer = network.Layers[i];
            var context = new LayerContext(layer, Label(layer, i, names[i]), builder.OutputOf(builder.Last, input), locations.Layers[i], diagnostics)
            {
                NetworkName = network.Type.Name,
                NetworkInput = input,
                NetworkLocation = locations.Network,
            };
            int firstPlan = builder.Plans.Count;
            bool inferred = LayerKinds.Declaration(layer).Infer(context, builder, names[i]);
            if (!inferred) return new AnalysisResult(null, diagnostics.ToEquatableArray());
            builder.Name(names[i], builder.Last);
            for (int p = firstPlan; p < builder.Plans.Count && layer.Frozen; p++) builder.Replace(p, builder.Plans[p] with { DeclaredFrozen = true });
            LayerPlan last = builder.Plans[builder.Last];
            if (last.Output.Length > MaxActivationLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, context.Location, network.Type.Name, $"the output of {context.Label} ({last.Output})", Count(last.Output.Length), Count(MaxActivationLength)));
                return new AnalysisResult(null, diagnostics.ToEquatableArray());
            }
        }

        if (builder.ParameterCount > MaxParameters)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, locations.Network ?? locations.Class, network.Type.Name, "the parameter count", Count(builder.ParameterCount), Count(MaxParameters)));
        }
        Shape output = builder.OutputOf(builder.Last, input);
        LossKind loss = LossKind.SoftmaxCrossEntropy;
        if (lossIndex >= 0)
        {
            LayerDecl lossDecl = network.Layers[lossIndex];
            loss = LossDeclaration.LossOf(lossDecl);
            if (loss == LossKind.SoftmaxCrossEntropy && output.Length < 2)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.LossIncompatible, locations.Layers[lossIndex].Attribute, Label(lossDecl, lossIndex, names[lossIndex]),
                    $"softmax cross-entropy over {output.Length} output is always 0 and learns nothing; it needs at least 2 class scores (for example [Dense(2)]), or use [BinaryCrossEntropy] for one probability"));
            }
        }

        if (CountErrors(diagnostics) > errorsBefore || lossIndex < 0) return new AnalysisResult(null, diagnostics.ToEquatableArray());
        var plans = WithReLUFusion(WithBatchNormFolding(WithInitialization(builder.Plans)));
        // The loss needs the outputs and their gradient in buffers of the last layer's own: a flatten that ends the
        // network (normally a view) becomes an identity copy, before the kernels are decided, so that it gets one.
        LayerPlan final = plans[plans.Count - 1];
        if (final.IsView) plans[plans.Count - 1] = final with { Decl = final.Decl with { Kind = LayerKind.Activation, Activation = ActivationKind.None } };
        plans = KernelDecisions.Decide(plans);
        var plan0 = new NetworkPlan(network.Type, input, plans.ToEquatableArray(), loss, (int)builder.ParameterCount, (int)builder.StateCount, builder.Flops);
        BuildChecks.CheckOptimization(network, locations, settings, diagnostics);
        return new AnalysisResult(plan0, diagnostics.ToEquatableArray());
    }

    /// <summary>He initialization for a convolution or dense layer whose output reaches a ReLU (fused, or after BatchNorm).</summary>
    private static List<LayerPlan> WithInitialization(IReadOnlyList<LayerPlan> plans)
    {
        var result = new List<LayerPlan>(plans);
        for (int i = 0; i < result.Count; i++)
        {
            LayerPlan plan = result[i];
            if (plan.Kind is not (LayerKind.Conv or LayerKind.Dense)) continue;
            bool relu = plan.Decl.Activation == ActivationKind.ReLU;
            int next = i + 1;
            while (!relu && next < result.Count && result[next].InputFrom == next - 1 && result[next].Kind == LayerKind.BatchNorm) next++;
            relu |= next < result.Count && result[next].InputFrom == next - 1 && result[next].Kind == LayerKind.Activation && result[next].Decl.Activation == ActivationKind.ReLU;
            result[i] = plan with { FollowedByReLU = relu };
        }
        return result;
    }

    /// <summary>
    /// Marks each convolution or dense layer without an activation whose output goes only to the BatchNorm right after
    /// it: at inference y = γ·(W·x + b − μ)/√(σ² + ε) + β is the same affine map as W'·x + b', so the BatchNorm folds
    /// into the weights. An activation between them, or another reader of the pre-norm output, keeps them apart.
    /// </summary>
    private static List<LayerPlan> WithBatchNormFolding(List<LayerPlan> plans)
    {
        for (int i = 0; i + 1 < plans.Count; i++)
        {
            LayerPlan plan = plans[i], next = plans[i + 1];
            if (plan.Kind is not (LayerKind.Conv or LayerKind.Dense) || plan.Decl.Activation != ActivationKind.None) continue;
            if (next.Kind != LayerKind.BatchNorm || next.InputFrom != i) continue;
            bool otherReader = false;
            for (int j = 0; j < plans.Count; j++) otherReader |= j != i + 1 && (plans[j].InputFrom == i || plans[j].SkipFrom == i);
            if (otherReader) continue;
            plans[i] = plan with { FoldsBatchNorm = true };
            plans[i + 1] = next with { FoldedIntoPrevious = true };
        }
        return plans;
    }

    /// <summary>
    /// Marks each BatchNorm or residual add whose output goes only to the stand-alone ReLU right after it: in training
    /// the two run as one (ResNet's conv-BN-ReLU and add-ReLU), so the ReLU costs no pass of its own either way. At
    /// inference, and for feature maps, they stay apart (the BatchNorm's or add's own output is then wanted).
    /// </summary>
    private static List<LayerPlan> WithReLUFusion(List<LayerPlan> plans)
    {
        for (int i = 0; i + 1 < plans.Count; i++)
        {
            LayerPlan plan = plans[i], next = plans[i + 1];
            if (plan.Kind is not (LayerKind.BatchNorm or LayerKind.Add)) continue;
            if (next.Kind != LayerKind.Activation || next.Decl.Activation != ActivationKind.ReLU || next.InputFrom != i) continue;
            bool otherReader = false;
            for (int j = 0; j < plans.Count; j++) otherReader |= j != i + 1 && (plans[j].InputFrom == i || plans[j].SkipFrom == i);
            if (otherReader) continue;
            plans[i] = plan with { FusesNextReLU = true };
            plans[i + 1] = next with { FusedIntoPrevious = true };
        }
        return plans;
    }

    /// <summary>"Conv2D #3" or "Conv2D #3 'stem'": how messages name a layer (1-based, counting every layer attribute).</summary>
    public static string Label(LayerDecl layer, int index, string name) =>
        layer.Name is null ? $"{layer.AttributeName} #{index + 1} ({name})" : $"{layer.AttributeName} #{index + 1} '{name}'";

    private static int CountErrors(List<DiagnosticInfo> diagnostics) =>
        diagnostics.Count(d => Descriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    private static void CheckNames(NetworkDecl network, string[] names, DeclLocations locations, List<DiagnosticInfo> diagnostics)
    {
        var seen = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (seen.TryGetValue(names[i], out int first))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.DuplicateLayerName, locations.Layers[i].Of("Name"), Label(network.Layers[i], i, names[i]), names[i], Label(network.Layers[first], first, names[first])));
            }
            else
            {
                seen[names[i]] = i;
            }
        }
    }

    /// <summary>The loss must be present and last. Returns its index, or −1 when it is missing.</summary>
    private static int CheckLossPlacement(NetworkDecl network, string[] names, DeclLocations locations, List<DiagnosticInfo> diagnostics)
    {
        int lossIndex = -1;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            if (lossIndex >= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.LayerAfterLoss, locations.Layers[i].Attribute, Label(network.Layers[i], i, names[i]), Label(network.Layers[lossIndex], lossIndex, names[lossIndex])));
            }
            else if (network.Layers[i].IsLoss)
            {
                lossIndex = i;
            }
        }
        if (lossIndex < 0)
        {
            int last = network.Layers.Count - 1;
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MissingLoss, locations.Layers[last].Attribute, network.Type.Name, Label(network.Layers[last], last, names[last])));
        }
        else if (lossIndex == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NoLayers, locations.Layers[0].Attribute, network.Type.Name));
        }
        return lossIndex;
    }

    /// <summary>A count for messages, digits grouped (15,052,800,000): diagnostic arguments travel as text, so the message cannot format them.</summary>
    public static string Count(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
