using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[MaxPool1D/2D/3D], [AvgPool1D/2D/3D]: window, stride (the window by default), padding sizes, CountIncludePad.</summary>
internal sealed class PoolDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.MaxPool, LayerKind.AvgPool];

    public IReadOnlyList<string> AttributeNames { get; } = ["MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D"];

    public LayerDecl? Parse(LayerReading reading)
    {
        LayerKind kind = reading.KindName.StartsWith("Max", System.StringComparison.Ordinal) ? LayerKind.MaxPool : LayerKind.AvgPool;
        int rank = reading.KindName[7] - '0';
        int[] window = reading.PerAxis(rank, "window", "windowSize", "window", required: true);
        int[] stride = reading.PerAxis(rank, "Stride", "Stride", "stride", required: false);
        // Pooling attributes have no Padding mode, only sizes.
        var padding = reading.Padding(rank);
        if (reading.Failed || padding is not { Mode: var mode, Pad: var pad }) return null;
        return new LayerDecl(kind, reading.KindName, reading.Name, 0, EquatableArray.From(window), EquatableArray.From(stride),
            mode, EquatableArray.From(pad), ActivationKind.None, false, CountIncludePad: reading.Bool("CountIncludePad", true));
    }

    public string NamePrefix(LayerDecl layer) => "pool";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => SinglePlan.Add(context, builder, name, WindowLayers.Infer);

    public string Settings(LayerPlan layer) => string.Join(", ", SettingParts(layer));

    private static IEnumerable<string> SettingParts(LayerPlan layer)
    {
        LayerDecl d = layer.Decl;
        yield return $"window {WindowGeometry.Join(d.Kernel)}";
        yield return "stride " + WindowGeometry.JoinUniform(layer.Stride);
        if (d.Padding == PaddingMode.Explicit) yield return "padding " + WindowGeometry.JoinPadding(layer.PadBegin, layer.PadEnd);
        if (PoolLayer.ExcludesPadding(layer)) yield return "padding not counted";
    }

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    /// <summary>The window's geometry; average pools also whether padded positions count in the divisor.</summary>
    public IEnumerable<SettingSpec> Structure(LayerPlan layer)
    {
        foreach (SettingSpec setting in SettingSpec.Window(layer)) yield return setting;
        if (layer.Kind == LayerKind.AvgPool) yield return SettingSpec.Bool("count_include_pad", layer.Decl.CountIncludePad);
    }
}
