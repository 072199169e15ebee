using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// [Upsample1D/2D/3D(scale)]: nn.Upsample with an integer scale factor per axis (held in <see cref="LayerDecl.Kernel"/>)
/// and Mode = Nearest or Linear (<see cref="LayerDecl.Linear"/>): C×… → C×(…·scale), no parameters.
/// </summary>
internal sealed class UpsampleDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Upsample];

    public IReadOnlyList<string> AttributeNames { get; } = ["Upsample1D", "Upsample2D", "Upsample3D"];

    public LayerDecl? Parse(LayerReading reading)
    {
        int rank = reading.KindName[8] - '0';
        // scale, or scaleDepth/scaleHeight/scaleWidth: each below 1 is CNN0005 on its argument.
        int[] scale = reading.PerAxis(rank, "scale", "scale", "scale", required: true);
        int mode = reading.Int("Mode", 0);
        if (mode is not (0 or 1)) reading.Report(Descriptors.NonConstantArgument, "Mode", "Mode", "a defined UpsampleMode value");
        if (reading.Failed) return null;
        return reading.Simple(LayerKind.Upsample) with { Kernel = EquatableArray.From(scale), Linear = mode == 1 };
    }

    public string NamePrefix(LayerDecl layer) => "up";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => SinglePlan.Add(context, builder, name, Plan);

    private static LayerPlan? Plan(LayerContext context)
    {
        LayerDecl layer = context.Layer;
        Shape input = context.Input;
        int rank = layer.SpatialRank;
        if (input.SpatialRank != rank)
        {
            WindowLayers.ReportRankMismatch(context, rank);
            return null;
        }
        // Sizes as long and the length as a BigInteger: an absurd scale is CNN0013 here, before any size can wrap.
        var sizes = new long[rank + 1];
        sizes[0] = input.Channels;
        System.Numerics.BigInteger length = input.Channels;
        for (int axis = 0; axis < rank; axis++)
        {
            sizes[axis + 1] = (long)input.Spatial(axis) * layer.Kernel[axis];
            length *= sizes[axis + 1];
        }
        if (length > ShapeInference.MaxActivationLength)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, context.Location, context.NetworkName,
                $"the output of {context.Label} ({string.Join("×", sizes)})", length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), ShapeInference.Count(ShapeInference.MaxActivationLength)));
            return null;
        }
        var output = new int[rank + 1];
        for (int axis = 0; axis <= rank; axis++) output[axis] = (int)sizes[axis];
        var shape = new Shape(EquatableArray.From(output));
        // Linear: a multiply and an add per neighbour (2 per axis) of every output value; nearest only copies.
        long flops = layer.Linear ? 2L * (1L << rank) * shape.Length : 0;
        return context.Plan(shape, 0, 0, flops);
    }

    /// <summary>"scale 2, nearest", "scale 2×3, bilinear": PyTorch's mode names.</summary>
    public string Settings(LayerPlan layer) => $"scale {WindowGeometry.JoinUniform(layer.Decl.Kernel)}, {ModeName(layer.Decl)}";

    public static string ModeName(LayerDecl layer) => !layer.Linear ? "nearest" : layer.SpatialRank switch
    {
        1 => "linear",
        2 => "bilinear",
        _ => "trilinear",
    };

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    public IEnumerable<SettingSpec> Structure(LayerPlan layer)
    {
        yield return SettingSpec.Ints("scale", layer.Decl.Kernel);
        yield return SettingSpec.Text("mode", layer.Decl.Linear ? "linear" : "nearest");
    }
}
