using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[Conv1D], [Conv2D], [Conv3D]: filters, kernel, stride, padding, fused activation, bias.</summary>
internal sealed class ConvDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Conv];

    public IReadOnlyList<string> AttributeNames { get; } = ["Conv1D", "Conv2D", "Conv3D"];

    public LayerDecl? Parse(LayerReading reading)
    {
        int rank = reading.KindName[4] - '0';
        int filters = reading.Positive("filters", "filters");
        int[] kernel = reading.PerAxis(rank, "kernel", "kernelSize", "kernel", required: true);
        int[] stride = reading.PerAxis(rank, "Stride", "Stride", "stride", required: false);
        var padding = reading.Padding(rank);
        ActivationKind activation = reading.Activation();
        if (reading.Failed || padding is not { Mode: var mode, Pad: var pad }) return null;
        return new LayerDecl(LayerKind.Conv, reading.KindName, reading.Name, filters, EquatableArray.From(kernel), EquatableArray.From(stride),
            mode, EquatableArray.From(pad), activation, reading.Bool("UseBias", true));
    }

    public string NamePrefix(LayerDecl layer) => "conv";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => SinglePlan.Add(context, builder, name, WindowLayers.Infer);

    public string Settings(LayerPlan layer) => string.Join(", ", SettingParts(layer));

    private static IEnumerable<string> SettingParts(LayerPlan layer)
    {
        LayerDecl d = layer.Decl;
        yield return $"{d.Units} filters {WindowGeometry.Join(d.Kernel)}";
        yield return "stride " + WindowGeometry.JoinUniform(layer.Stride);
        yield return "padding " + WindowGeometry.JoinPadding(layer.PadBegin, layer.PadEnd) + (d.Padding == PaddingMode.Same ? " (same)" : "");
        if (!d.UseBias) yield return "no bias";
    }

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => TensorSpec.WeightAndBias(layer, [layer.Output.Channels, layer.Input.Channels, .. layer.Decl.Kernel]);

    /// <summary>Filters, the window's geometry (no dilation, one group: what the kernels compute), bias and the fused activation.</summary>
    public IEnumerable<SettingSpec> Structure(LayerPlan layer)
    {
        yield return SettingSpec.Int("filters", layer.Decl.Units);
        foreach (SettingSpec setting in SettingSpec.Window(layer)) yield return setting;
        yield return SettingSpec.Ints("dilation", System.Linq.Enumerable.Repeat(1, layer.Decl.SpatialRank));
        yield return SettingSpec.Int("groups", 1);
        yield return SettingSpec.Bool("bias", layer.Decl.UseBias);
        foreach (SettingSpec setting in SettingSpec.Activation(layer.Decl)) yield return setting;
    }
}
