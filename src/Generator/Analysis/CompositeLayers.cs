using System.Linq;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>
/// Layers that expand into several plans: residual adds (with an optional 1×1 projection of their source) and ResNet
/// basic blocks. The expansion is ordinary layers with explicit wiring, so every emitter stays single-purpose.
/// </summary>
internal static class CompositeLayers
{
    /// <summary>A declaration the generator makes itself (no attribute), for the layers of a composite.</summary>
    public static LayerDecl Hidden(LayerKind kind, string attributeName) =>
        new(kind, attributeName, null, 0, EquatableArray<int>.Empty, EquatableArray<int>.Empty, PaddingMode.Valid, EquatableArray<int>.Empty, ActivationKind.None, false);

    private static LayerDecl Convolution(int rank, int filters, int kernel, int stride, int pad) =>
        new(LayerKind.Conv, $"Conv{rank}D", null, filters, Repeat(kernel, rank), Repeat(stride, rank), PaddingMode.Explicit, Repeat(pad, rank), ActivationKind.None, UseBias: false);

    private static EquatableArray<int> Repeat(int value, int count) => Enumerable.Repeat(value, count).ToEquatableArray();

    /// <summary>[Add("source")]: the previous output plus the source's output, projected first when asked.</summary>
    public static bool Residual(LayerContext context, PlanBuilder builder, Shape networkInput, string name)
    {
        LayerDecl layer = context.Layer;
        if (!builder.TryFind(layer.Source!, out int source))
        {
            string known = builder.DeclaredNames.Any() ? string.Join(", ", builder.DeclaredNames.Select(n => $"'{n}'")) : "none";
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnknownResidualSource, context.Location, context.Label, layer.Source!, known));
            return false;
        }
        int main = builder.Last;
        Shape mainShape = context.Input;
        Shape sourceShape = builder.OutputOf(source, networkInput);
        if (mainShape == sourceShape && !layer.Projection)
        {
            builder.Add(context.Plan(mainShape, 0, 0, 0), name, main, source);
            return true;
        }
        if (!layer.Projection)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.ResidualShapeMismatch, context.Location, context.Label, mainShape, sourceShape, layer.Source!, "added",
                "set Projection = true to pass the source through a strided 1×1 convolution and BatchNorm first"));
            return false;
        }
        int? projected = ProjectResidual(context, builder, source, sourceShape, mainShape, name + ".projection");
        if (projected is null) return false;
        builder.Add(context.Plan(mainShape, 0, 0, 0), name, main, projected.Value);
        return true;
    }

    /// <summary>
    /// [Add(…, Projection = true)]: the source through a 1×1 convolution whose stride is inferred per axis
    /// (<see cref="ProjectionStride"/>), or through a dense layer when both are vectors; returns the BatchNorm's index.
    /// </summary>
    private static int? ProjectResidual(LayerContext context, PlanBuilder builder, int source, Shape from, Shape to, string prefix)
    {
        int rank = from.SpatialRank;
        // Ranks first: a vector cannot be projected onto a feature map or back (and has no spatial size to compare).
        string problem = "no strided 1×1 convolution turns one into the other (the spatial sizes must shrink by one whole stride on every axis)";
        int[]? strides = to.SpatialRank != rank ? null : rank == 0 ? [] : ProjectionStride.Infer(builder, source, from, to, out problem);
        if (strides is null)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.ResidualShapeMismatch, context.Location, context.Label, to, from, context.Layer.Source!, "added", problem));
            return null;
        }
        return Shortcut(context, builder, source, from, to.Channels, strides, prefix);
    }

    /// <summary>
    /// A shortcut that reads plan <paramref name="source"/>: a 1×1 convolution (no bias) with <paramref name="strides"/>,
    /// or a dense layer for a vector, then BatchNorm; returns the BatchNorm's index.
    /// </summary>
    private static int? Shortcut(LayerContext context, PlanBuilder builder, int source, Shape from, int filters, int[] strides, string prefix)
    {
        int rank = from.SpatialRank;
        LayerDecl convolution = rank == 0
            ? Hidden(LayerKind.Dense, "Dense") with { Units = filters }
            : new(LayerKind.Conv, $"Conv{rank}D", null, filters, Repeat(1, rank), EquatableArray.From(strides), PaddingMode.Explicit, Repeat(0, rank), ActivationKind.None, UseBias: false);
        LayerPlan? plan = context.InferGenerated(convolution, from, rank == 0 ? DenseDeclaration.Plan : WindowLayers.Infer);
        if (plan is null) return null;
        int conv = builder.Add(plan, prefix + ".0", source);
        LayerPlan norm = BatchNormDeclaration.Plan(context.With(BatchNormDeclaration.Declaration(), plan.Output));
        return builder.Add(norm, prefix + ".1", conv, stateCount: BatchNormDeclaration.StateCount(plan.Output));
    }

    /// <summary>
    /// ResNet's basic block, named as torchvision names it: conv1 → bn1 → relu → conv2 → bn2, plus the input
    /// (downsample.0/1 when the shape changes), then relu.
    /// </summary>
    public static bool BasicBlock(LayerContext context, PlanBuilder builder, string name)
    {
        Shape input = context.Input;
        int rank = input.SpatialRank;
        if (rank == 0)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.SpatialRankMismatch, context.Location, context.Label, "1 to 3 spatial axes", input, 0, ""));
            return false;
        }
        int filters = context.Layer.Units;
        int stride = context.Layer.Stride.Count > 0 ? context.Layer.Stride[0] : 1;
        int blockInput = builder.Last;

        LayerPlan? conv1 = WindowLayers.Infer(context.With(Convolution(rank, filters, 3, stride, 1), input));
        if (conv1 is null) return false;
        int last = builder.Add(conv1, name + ".conv1");
        last = builder.Add(BatchNormDeclaration.Plan(context.With(BatchNormDeclaration.Declaration(), conv1.Output)), name + ".bn1", stateCount: BatchNormDeclaration.StateCount(conv1.Output));
        last = builder.Add(context.With(Hidden(LayerKind.Activation, "ReLU") with { Activation = ActivationKind.ReLU }, conv1.Output).Plan(conv1.Output, 0, 0, 0), name + ".relu1");
        LayerPlan? conv2 = WindowLayers.Infer(context.With(Convolution(rank, filters, 3, 1, 1), conv1.Output));
        if (conv2 is null) return false;
        builder.Add(conv2, name + ".conv2");
        int main = builder.Add(BatchNormDeclaration.Plan(context.With(BatchNormDeclaration.Declaration(), conv2.Output)), name + ".bn2", stateCount: BatchNormDeclaration.StateCount(conv2.Output));

        // torchvision's rule: a downsample whenever the block strides or changes the channel count, with the block's
        // stride on every axis (so its output always has conv1's size: both are floor((n − 1) / stride) + 1).
        int shortcut = blockInput;
        if (stride != 1 || input.Channels != filters)
        {
            int? projected = Shortcut(context, builder, blockInput, input, filters, Enumerable.Repeat(stride, rank).ToArray(), name + ".downsample");
            if (projected is null) return false;
            shortcut = projected.Value;
        }
        int sum = builder.Add(context.With(Hidden(LayerKind.Add, "Add"), conv2.Output).Plan(conv2.Output, 0, 0, 0), name + ".add", main, shortcut);
        builder.Add(context.With(Hidden(LayerKind.Activation, "ReLU") with { Activation = ActivationKind.ReLU }, conv2.Output).Plan(conv2.Output, 0, 0, 0), name + ".relu2", sum);
        return last >= 0;
    }
}
