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

    public static AnalysisResult Analyze(ParseResult parsed)
    {
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        NetworkDecl? network = parsed.Network;
        if (network is null) return new AnalysisResult(null, diagnostics.ToEquatableArray());
        DeclLocations locations = parsed.Locations;
        int errorsBefore = CountErrors(diagnostics);

        if (network.Layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NoLayers, locations.Network ?? locations.Class, network.Type.Name));
            return new AnalysisResult(null, diagnostics.ToEquatableArray());
        }

        string[] names = LayerNames.Assign(network.Layers);
        CheckNames(network, names, locations, diagnostics);
        int lossIndex = CheckLossPlacement(network, names, locations, diagnostics);

        var plans = new List<LayerPlan>();
        var identifiers = new HashSet<string>();
        var shape = new Shape(network.InputShape);
        long offset = 0;
        long flops = 0;
        int computeLayers = lossIndex >= 0 ? lossIndex : network.Layers.Count;
        for (int i = 0; i < computeLayers; i++)
        {
            LayerDecl layer = network.Layers[i];
            var context = new LayerContext(layer, Label(layer, i, names[i]), shape, locations.Layers[i], diagnostics);
            LayerPlan? plan = layer.Kind switch
            {
                LayerKind.Conv or LayerKind.MaxPool or LayerKind.AvgPool => WindowLayers.Infer(context),
                LayerKind.Dense => DenseLayer(context),
                LayerKind.Flatten => Plain(context, Shape.Of(checked((int)shape.Length))),
                _ => Plain(context, shape),
            };
            if (plan is null) return new AnalysisResult(null, diagnostics.ToEquatableArray());
            bool followedByReLU = layer.Activation == ActivationKind.ReLU && layer.Kind != LayerKind.Activation
                || i + 1 < network.Layers.Count && network.Layers[i + 1].Kind == LayerKind.Activation && network.Layers[i + 1].Activation == ActivationKind.ReLU;
            plan = plan with
            {
                Index = i,
                Name = names[i],
                Identifier = LayerNames.Identifier(names[i], identifiers),
                WeightOffset = (int)System.Math.Min(offset, int.MaxValue),
                BiasOffset = (int)System.Math.Min(offset + plan.WeightCount, int.MaxValue),
                FollowedByReLU = followedByReLU,
            };
            if (plan.Output.Length > MaxActivationLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, context.Location, network.Type.Name, $"the output of {context.Label} ({plan.Output})", plan.Output.Length, MaxActivationLength));
                return new AnalysisResult(null, diagnostics.ToEquatableArray());
            }
            offset += (long)plan.WeightCount + plan.BiasCount;
            flops += plan.Flops;
            plans.Add(plan);
            shape = plan.Output;
        }

        if (offset > MaxParameters)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, locations.Network ?? locations.Class, network.Type.Name, "the parameter count", offset, MaxParameters));
        }
        if (lossIndex >= 0 && shape.Length < 2)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.LossIncompatible, locations.Layers[lossIndex], Label(network.Layers[lossIndex], lossIndex, names[lossIndex]),
                $"softmax cross-entropy over {shape.Length} output is always 0 and learns nothing; it needs at least 2 class scores (for example [Dense(2)])"));
        }

        if (CountErrors(diagnostics) > errorsBefore || lossIndex < 0) return new AnalysisResult(null, diagnostics.ToEquatableArray());
        var plan0 = new NetworkPlan(network.Type, new Shape(network.InputShape), plans.ToEquatableArray(), LossKind.SoftmaxCrossEntropy, (int)offset, 0, flops);
        return new AnalysisResult(plan0, diagnostics.ToEquatableArray());
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
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.DuplicateLayerName, locations.Layers[i], Label(network.Layers[i], i, names[i]), names[i], Label(network.Layers[first], first, names[first])));
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
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.LayerAfterLoss, locations.Layers[i], Label(network.Layers[i], i, names[i]), Label(network.Layers[lossIndex], lossIndex, names[lossIndex])));
            }
            else if (network.Layers[i].IsLoss)
            {
                lossIndex = i;
            }
        }
        if (lossIndex < 0)
        {
            int last = network.Layers.Count - 1;
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MissingLoss, locations.Layers[last], network.Type.Name, Label(network.Layers[last], last, names[last])));
        }
        else if (lossIndex == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NoLayers, locations.Layers[0], network.Type.Name));
        }
        return lossIndex;
    }

    private static LayerPlan? DenseLayer(LayerContext context)
    {
        long inputs = context.Input.Length;
        int units = context.Layer.Units;
        long weights = inputs * units;
        if (weights > MaxParameters)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, context.Location, context.Label, $"the weight count of {context.Label} ({inputs} inputs × {units} units)", weights, MaxParameters));
            return null;
        }
        return context.Plan(Shape.Of(units), (int)weights, context.Layer.UseBias ? units : 0, 2 * weights);
    }

    private static LayerPlan Plain(LayerContext context, Shape output) => context.Plan(output, 0, 0, 0);
}
