using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The network's forward pass (every layer in order) and backward pass (every layer in reverse). A network of more
/// than one <see cref="LayerChunks">chunk</see> runs each pass as a sequence of calls to one private method per chunk
/// (<c>ForwardLayers0To15</c>, …; backward from the last chunk to the first), which hold the same statements.
/// </summary>
internal static class PassEmitter
{
    private const string BaseWorkspace = "global::CnnCompiler.CompilerServices.Workspace";

    private const string BackwardChunkParameters = "Workspace ws, ReadOnlySpan<float> p, ReadOnlySpan<float> input, Span<float> inputGradient, Span<float> dp, int n, ReadOnlySpan<bool> frozen, int first, bool wantInput";

    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var wiring = new Wiring(network);
        var chunks = new LayerChunks(network);
        bool folds = HasFolding(network);
        w.Line("/// <summary>Runs every layer forward over <paramref name=\"n\"/> samples; the last layer's output holds the network's raw outputs.</summary>");
        w.Line("/// <remarks>");
        if (folds) w.Line("/// At inference, BatchNorms are folded into the layer before them (Fold writes W' and b', ForwardFolded runs with them: one pass over the activations instead of two) unless <paramref name=\"fold\"/> is false (feature maps of every layer are wanted).");
        w.Line("/// In training a BatchNorm or residual add runs the ReLU after it in its own pass (ForwardReLU, writing the ReLU's output; also at folded inference for an add); otherwise the ReLU runs apart.");
        w.Line("/// </remarks>");
        using (w.Block($"public static void Forward({BaseWorkspace} buffers, ReadOnlySpan<float> p, ReadOnlySpan<float> input, int n, bool fold)"))
        {
            w.Line("Workspace ws = Unsafe.As<Workspace>(buffers); // made by CreateWorkspace");
            if (folds) w.Line("bool folded = fold && !ws.Training;");
            w.Line("ws.StartLaps();");
            if (chunks.IsSplit)
            {
                w.Line(LayerChunks.Comment);
                string folded = folds ? ", folded" : "";
                foreach (LayerRange range in ForwardRanges(chunks))
                {
                    w.Line($"Forward{range.Suffix}(ws, p, input, n{folded});");
                }
            }
            else
            {
                EmitForwardLayers(w, network, wiring, new LayerRange(0, network.Layers.Count - 1));
            }
        }
        if (chunks.IsSplit)
        {
            string parameters = $"Workspace ws, ReadOnlySpan<float> p, ReadOnlySpan<float> input, int n{(folds ? ", bool folded" : "")}";
            foreach (LayerRange range in ForwardRanges(chunks))
            {
                w.Line();
                w.Line($"/// <summary>Forward, layers {range.First} to {range.Last}: {NetworkEmitter.Xml(chunks.Names(range))}.</summary>");
                using (w.Block($"private static void Forward{range.Suffix}({parameters})"))
                {
                    EmitForwardLayers(w, network, wiring, range);
                }
            }
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs every layer backward, last to first, from the output gradient in the last layer's gradient buffer:");
        w.Line("/// adds each layer's parameter gradient into <paramref name=\"dp\"/> and, when <paramref name=\"inputGradient\"/> is not empty, fills it.");
        w.Line("/// A ReLU fused in training runs backward inside the layer before it (BackwardReLU). The gradient of an output that feeds several layers is the sum of theirs (its Gradient2 is added in).");
        w.Line("/// </summary>");
        using (w.Block($"public static void Backward({BaseWorkspace} buffers, ReadOnlySpan<float> p, ReadOnlySpan<float> input, Span<float> inputGradient, Span<float> dp, int n, ReadOnlySpan<bool> frozen, int first)"))
        {
            w.Line("Workspace ws = Unsafe.As<Workspace>(buffers); // made by CreateWorkspace");
            w.Line("// Layers before the first trainable one only carry gradients towards the input: they run only when it is wanted.");
            w.Line("bool wantInput = !inputGradient.IsEmpty;");
            w.Line("ws.StartLaps();");
            if (chunks.IsSplit)
            {
                w.Line(LayerChunks.Comment);
                foreach (LayerRange range in BackwardRanges(chunks))
                {
                    w.Line($"Backward{range.Suffix}(ws, p, input, inputGradient, dp, n, frozen, first, wantInput);");
                }
            }
            else
            {
                EmitBackwardLayers(w, network, wiring, new LayerRange(0, network.Layers.Count - 1));
            }
        }
        if (chunks.IsSplit)
        {
            foreach (LayerRange range in BackwardRanges(chunks))
            {
                w.Line();
                w.Line($"/// <summary>Backward, layers {range.Last} down to {range.First}: {NetworkEmitter.Xml(chunks.Names(range))}.</summary>");
                using (w.Block($"private static void Backward{range.Suffix}({BackwardChunkParameters})"))
                {
                    EmitBackwardLayers(w, network, wiring, range);
                }
            }
        }
    }

    /// <summary>The chunks that run anything (a chunk of views only has nothing to do), first to last.</summary>
    private static IEnumerable<LayerRange> ForwardRanges(LayerChunks chunks) =>
        chunks.Ranges.Where(range => chunks.LayersOf(range).Any(layer => !layer.IsView));

    /// <summary>The same chunks, last to first: the order backward calls them in.</summary>
    private static IEnumerable<LayerRange> BackwardRanges(LayerChunks chunks) => ForwardRanges(chunks).Reverse();

    private static void EmitForwardLayers(CodeWriter w, NetworkPlan network, Wiring wiring, LayerRange range)
    {
        for (int i = range.First; i <= range.Last; i++)
        {
            LayerPlan layer = network.Layers[i];
            if (layer.IsView) continue;
            if (layer.FoldsBatchNorm)
            {
                LayerPlan norm = network.Layers[i + 1];
                string id = layer.Identifier, source = $"Layers.{layer.ClassName}";
                using (w.Block("if (folded)"))
                {
                    w.Line($"Layers.{norm.ClassName}.Fold(p, ws.State, {layer.WeightOffset}, {layer.WeightCount}, {layer.BiasOffset}, {layer.BiasCount}, ws.{id}Folded);");
                    w.Line($"{source}.ForwardFolded(ws.{id}Folded, {wiring.Output(layer.InputFrom)}, {wiring.Output(norm.Index)}, ws, n);");
                }
                using (w.Block("else"))
                {
                    EmitForwardCall(w, network, wiring, layer);
                    w.Line($"ws.Lap({i});");
                    EmitForwardCall(w, network, wiring, norm);
                }
                w.Line($"ws.Lap({i + 1});");
                i++;
                continue;
            }
            EmitForwardCall(w, network, wiring, layer);
            w.Line($"ws.Lap({i});");
        }
    }

    private static void EmitBackwardLayers(CodeWriter w, NetworkPlan network, Wiring wiring, LayerRange range)
    {
        for (int i = range.Last; i >= range.First; i--)
        {
            LayerPlan layer = network.Layers[i];
            if (layer.IsView) continue;
            string inputTarget = $"{Wanted(wiring, layer.InputFrom, i)} ? {wiring.GradientTarget(layer.InputFrom, i)} : default";
            string skip = HasSkip(layer) ? $"{Wanted(wiring, layer.SkipFrom, i)} ? {wiring.GradientTarget(layer.SkipFrom, i, skip: true)} : default, " : "";
            // A gate's backward reads both factors: the skip input's value follows x.
            string skipValue = layer.Kind == LayerKind.Multiply ? wiring.Output(layer.SkipFrom) + ", " : "";
            string dp = layer.ParameterCount > 0 ? $"frozen[{i}] ? default : dp" : "default";
            string condition = $"if (wantInput || first <= {i})";
            if (layer.FusedIntoPrevious)
            {
                // Its backward runs inside the layer before's BackwardReLU.
            }
            else if (layer.FusesNextReLU)
            {
                // The ReLU's output masks the ReLU's output gradient as this layer's backward reads it.
                w.Line($"{condition} Layers.{layer.ClassName}.BackwardReLU(p, {wiring.Output(layer.InputFrom)}, {wiring.Output(i + 1)}, {wiring.Gradient(i + 1)}, {inputTarget}, {skip}{dp}, ws, n);");
            }
            else
            {
                w.Line($"{condition} Layers.{layer.ClassName}.Backward(p, {wiring.Output(layer.InputFrom)}, {skipValue}{wiring.Output(i)}, {wiring.Gradient(i)}, {inputTarget}, {skip}{dp}, ws, n);");
            }
            foreach (int producer in wiring.SumsAfter(i))
            {
                string length = Format.Int(producer < 0 ? network.Input.Length : network.Layers[producer].Output.Length);
                string main = producer < 0 ? "inputGradient" : $"ws.{network.Layers[producer].Identifier}Gradient.AsSpan(0, n * {length})";
                foreach (string extra in wiring.ExtraGradientFields(producer))
                {
                    w.Line($"if ({Wanted(wiring, producer, i)}) TensorPrimitives.Add({main}, ws.{extra}.AsSpan(0, n * {length}), {main});");
                }
            }
            w.Line($"ws.Lap({network.Layers.Count + i});");
        }
    }

    private static void EmitForwardCall(CodeWriter w, NetworkPlan network, Wiring wiring, LayerPlan layer)
    {
        string skip = HasSkip(layer) ? wiring.Output(layer.SkipFrom) + ", " : "";
        string call = $"Layers.{layer.ClassName}.Forward(p, {wiring.Output(layer.InputFrom)}, {skip}{wiring.Output(layer.Index)}, ws, n);";
        if (layer.FusesNextReLU)
        {
            LayerPlan relu = network.Layers[layer.Index + 1];
            if (FusesAtInference(network, layer))
            {
                w.Line($"if (ws.Training || folded) Layers.{layer.ClassName}.ForwardReLU(p, {wiring.Output(layer.InputFrom)}, {skip}{wiring.Output(relu.Index)}, ws, n);");
            }
            else
            {
                w.Line($"if (ws.Training) Layers.{layer.ClassName}.ForwardReLU(p, {wiring.Output(layer.InputFrom)}, {skip}{wiring.Output(relu.Index)}, ws, n);");
            }
            w.Line($"else {call}");
        }
        else if (layer.FusedIntoPrevious)
        {
            w.Line(FusesAtInference(network, network.Layers[layer.Index - 1])
                ? $"if (!ws.Training && !folded) {call}"
                : $"if (!ws.Training) {call}");
        }
        else
        {
            w.Line(call);
        }
    }

    /// <summary>
    /// Whether a residual add also applies the ReLU after it at inference (when BatchNorms fold, so the pass has a
    /// <c>folded</c> flag that is false only for feature maps, which need the add's own output). A BatchNorm that fuses
    /// its ReLU in training is folded into the layer before it at inference, so its ReLU still runs on its own there.
    /// </summary>
    private static bool FusesAtInference(NetworkPlan network, LayerPlan layer) => layer.Kind == LayerKind.Add && HasFolding(network);

    /// <summary>Whether the layer reads a second input (a residual add or a squeeze-and-excitation gate).</summary>
    private static bool HasSkip(LayerPlan layer) => layer.Kind is LayerKind.Add or LayerKind.Multiply;

    /// <summary>Whether any BatchNorm is folded at inference.</summary>
    public static bool HasFolding(NetworkPlan network) => network.Layers.Any(layer => layer.FoldsBatchNorm);

    /// <summary>When the gradient for <paramref name="reader"/>'s input <paramref name="index"/> is needed: always past the first trainable layer, and for the network input only when the caller asked.</summary>
    private static string Wanted(Wiring wiring, int index, int reader) => wiring.Producer(index) < 0 ? "wantInput" : $"wantInput || first < {reader}";
}
