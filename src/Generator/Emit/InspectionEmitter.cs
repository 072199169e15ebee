using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>The layer table and feature-map access: what visualization and summaries need from any network.</summary>
internal static class InspectionEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var wiring = new Wiring(network);
        w.Line("/// <summary>Every layer in execution order, with its output shape, parameters and FLOPs.</summary>");
        w.Line("public static IReadOnlyList<LayerInfo> LayerList { get; } =");
        w.Line("[");
        foreach (LayerPlan layer in network.Layers)
        {
            w.Line($"    new(\"{layer.Name}\", \"{layer.Decl.AttributeName}\", [{string.Join(", ", layer.Output.Dims)}], {layer.ParameterCount}, {layer.Flops}),");
        }
        w.Line("];");
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
                w.Line("ReadOnlySpan<float> output = layer switch");
                w.Line("{");
                foreach (LayerPlan layer in network.Layers)
                {
                    string buffer = wiring.Output(layer.Index);
                    string slice = buffer == "input" ? "Slice" : "AsSpan";
                    w.Line($"    \"{layer.Name}\" => {buffer}.{slice}(0, {Format.Int(layer.Output.Length)}),");
                }
                w.Line("    _ => throw new ArgumentException($\"" + network.Type.Name + " has no layer named '{layer}'; see LayerList for the names.\", nameof(layer)),");
                w.Line("};");
                w.Line("if (activations.Length != output.Length) RequireLength(activations.Length, output.Length, nameof(activations), $\"the output of {layer}\");");
                w.Line("output.CopyTo(activations);");
            }
            using (w.Block("finally")) { w.Line("_inferenceWorkspaces.Return(workspace);"); w.Line("Interlocked.Decrement(ref _inferenceCalls);"); }
        }
    }
}
