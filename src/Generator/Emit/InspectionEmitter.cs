using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>The layer table and feature-map access: what visualization and summaries need from any network.</summary>
internal static class InspectionEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var chunks = new LayerChunks(network);
        w.Line("/// <summary>Every layer in execution order, with its output shape, parameters and FLOPs.</summary>");
        w.Line("public static IReadOnlyList<LayerInfo> LayerList { get; } =");
        if (chunks.IsSplit)
        {
            EmitChunkedTable(w, chunks.Ranges, "LayerListOf");
        }
        else
        {
            w.Line("[");
            EmitRows(w, network.Layers);
            w.Line("];");
        }
        if (chunks.IsSplit)
        {
            foreach (LayerRange range in chunks.Ranges)
            {
                w.Line();
                w.Line($"/// <summary>The <see cref=\"LayerList\"/> entries of layers {range.First} to {range.Last}.</summary>");
                w.Line($"private static LayerInfo[] LayerListOf{range.Suffix}() =>");
                w.Line("[");
                EmitRows(w, chunks.LayersOf(range));
                w.Line("];");
            }
        }
        w.Line();
        w.Line("IReadOnlyList<LayerInfo> INetwork.LayerList => LayerList;");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs inference on one sample and copies the output of the layer named <paramref name=\"layer\"/> (see <see cref=\"LayerList\"/>)");
        w.Line("/// into <paramref name=\"activations\"/>: the feature maps of that layer, channel-major.");
        w.Line("/// </summary>");
        using (w.Block("public void ComputeActivations(string layer, ReadOnlySpan<float> input, Span<float> activations)"))
        {
            w.Line("ArgumentNullException.ThrowIfNull(layer);");
            w.Line("RequireLength(input.Length, InputLength, nameof(input), \"one sample\");");
            w.Line("FiniteValues.Require(input, InputLength, NetworkName, nameof(input));");
            w.Line("EnterInference();");
            w.Line("Workspace workspace = _inferenceWorkspaces.Rent();");
            using (w.Block("try"))
            {
                w.Line(PassEmitter.HasFolding(network) ? "Forward(workspace, input, 1, fold: false);" : "Forward(workspace, input, 1);");
                w.Line("// Found in the layer table rather than by a switch over the names, so that this method does not grow with the network.");
                w.Line("int index = 0;");
                w.Line("while (index < LayerList.Count && LayerList[index].Name != layer) index++;");
                w.Line("if (index == LayerList.Count) throw new ArgumentException($\"" + network.Type.Name + " has no layer named '{layer}'; see LayerList for the names.\", nameof(layer));");
                w.Line("int length = LayerList[index].OutputLength;");
                w.Line("ReadOnlySpan<float> output = workspace.LayerOutputs[index] is { } buffer ? buffer.AsSpan(0, length) : input.Slice(0, length);");
                w.Line("if (activations.Length != output.Length) RequireLength(activations.Length, output.Length, nameof(activations), $\"the output of {layer}\");");
                w.Line("output.CopyTo(activations);");
            }
            using (w.Block("finally")) { w.Line("_inferenceWorkspaces.Return(workspace);"); w.Line("Interlocked.Decrement(ref _inferenceCalls);"); }
        }
    }

    /// <summary>
    /// The initializer of a static table whose rows come from one method per chunk (<paramref name="method"/> and the
    /// chunk's suffix), so that the static constructor stays the same size for any depth.
    /// </summary>
    public static void EmitChunkedTable(CodeWriter w, IEnumerable<LayerRange> ranges, string method)
    {
        w.Line("[");
        w.Line("    " + LayerChunks.TableComment);
        foreach (LayerRange range in ranges) w.Line($"    .. {method}{range.Suffix}(),");
        w.Line("];");
    }

    private static void EmitRows(CodeWriter w, IEnumerable<LayerPlan> layers)
    {
        foreach (LayerPlan layer in layers)
        {
            w.Line($"    new(\"{layer.Name}\", \"{layer.Decl.AttributeName}\", [{string.Join(", ", layer.Output.Dims)}], {layer.ParameterCount}, {layer.Flops}),");
        }
    }
}
