using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>Shape inference for layers that slide a window over spatial axes: convolutions and pooling.</summary>
internal static class WindowLayers
{
    public static LayerPlan? Infer(LayerContext context)
    {
        LayerDecl layer = context.Layer;
        Shape input = context.Input;
        int rank = layer.SpatialRank;
        bool isConv = layer.Kind == LayerKind.Conv;
        string window = isConv ? "kernel" : "window";
        if (input.SpatialRank != rank)
        {
            ReportRankMismatch(context, rank);
            return null;
        }

        var stride = new int[rank];
        var padBegin = new int[rank];
        var padEnd = new int[rank];
        var output = new int[rank + 1];
        output[0] = isConv ? layer.Units : input.Channels;
        bool ok = true;
        for (int axis = 0; axis < rank; axis++)
        {
            int kernel = layer.Kernel[axis];
            stride[axis] = layer.Stride[axis] > 0 ? layer.Stride[axis] : isConv ? 1 : kernel;
            if (layer.Padding == PaddingMode.Same)
            {
                (padBegin[axis], padEnd[axis]) = WindowGeometry.SamePadding(input.Spatial(axis), kernel, stride[axis]);
            }
            else
            {
                padBegin[axis] = padEnd[axis] = layer.Pad[axis];
            }
        }

        // Padding limits: a convolution pad at or beyond the kernel only adds outputs that see nothing but zeros;
        // pooling follows PyTorch, which allows at most half the window.
        for (int axis = 0; axis < rank && layer.Padding == PaddingMode.Explicit; axis++)
        {
            int pad = layer.Pad[axis];
            int kernel = layer.Kernel[axis];
            bool tooLarge = isConv ? pad >= kernel : pad > kernel / 2;
            if (!tooLarge) continue;
            string rule = isConv ? "it must be smaller than the kernel, or outputs see only padding" : "it must be at most half the window, as in PyTorch";
            // On the argument that set this axis's padding: its own (PaddingWidth) or the shared PaddingSize.
            LocationInfo location = context.LocationOf(AttributeAxes.Specific("Padding", rank, axis), "PaddingSize");
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.PaddingTooLarge, location, context.Label, WindowGeometry.JoinUniform(layer.Pad), window, WindowGeometry.Join(layer.Kernel), rule));
            return null;
        }

        for (int axis = 0; axis < rank; axis++)
        {
            long size = WindowGeometry.OutputSize(input.Spatial(axis), layer.Kernel[axis], stride[axis], padBegin[axis], padEnd[axis]);
            output[axis + 1] = (int)System.Math.Max(System.Math.Min(size, int.MaxValue), int.MinValue);
            ok &= size >= 1;
        }
        var strideArray = EquatableArray.From(stride);
        var beginArray = EquatableArray.From(padBegin);
        var endArray = EquatableArray.From(padEnd);
        if (!ok)
        {
            var outputSpatial = new int[rank];
            System.Array.Copy(output, 1, outputSpatial, 0, rank);
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.KernelLargerThanInput, context.Location, context.Label, input, window,
                WindowGeometry.Join(layer.Kernel), WindowGeometry.JoinUniform(strideArray), WindowGeometry.JoinPadding(beginArray, endArray), string.Join("×", outputSpatial)));
            return null;
        }

        ReportDroppedInput(context, stride, padBegin, padEnd, window);

        var outputShape = new Shape(EquatableArray.From(output));
        long windowSize = 1;
        foreach (int k in layer.Kernel) windowSize *= k;
        if (!isConv) return context.Plan(outputShape, 0, 0, 0, strideArray, beginArray, endArray);

        long weights = (long)layer.Units * input.Channels * windowSize;
        if (weights > ShapeInference.MaxParameters)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, context.Location, context.NetworkName,
                $"the weight count of {context.Label}", ShapeInference.Count(weights), ShapeInference.Count(ShapeInference.MaxParameters)));
            return null;
        }
        // The im2col scratch holds one sample's (channels·kernel) × (output positions) matrix in one array.
        long columns = input.Channels * windowSize * (outputShape.Length / layer.Units);
        if (columns > ShapeInference.MaxParameters)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, context.Location, context.NetworkName,
                $"the im2col column matrix of {context.Label} ({ShapeInference.Count(input.Channels * windowSize)} × {ShapeInference.Count(outputShape.Length / layer.Units)})",
                ShapeInference.Count(columns), ShapeInference.Count(ShapeInference.MaxParameters)));
            return null;
        }
        long flops = 2 * outputShape.Length * input.Channels * windowSize;
        return context.Plan(outputShape, (int)weights, layer.UseBias ? layer.Units : 0, flops, strideArray, beginArray, endArray);
    }

    /// <summary>
    /// CNN0015. When the layer reads the network input and that input, read as all spatial, has exactly the layer's
    /// rank ([Network(28, 28)] before a Conv2D), the channels were most likely left out: that is reported on [Network],
    /// with the shape to write. A first value of 1 is taken as a real channel count ([Network(1, 128)] before a Conv2D is
    /// a signal given the wrong layer), and reported on the layer.
    /// </summary>
    internal static void ReportRankMismatch(LayerContext context, int rank)
    {
        Shape input = context.Input;
        string needed = rank == 1 ? "1 spatial axis" : $"{rank} spatial axes";
        bool channelsForgotten = input == context.NetworkInput && input.Dims.Count == rank && input.Channels > 1 && context.NetworkLocation is not null;
        if (!channelsForgotten)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.SpatialRankMismatch, context.Location, context.Label, needed, input, input.SpatialRank, ""));
            return;
        }
        string written = string.Join(", ", input.Dims);
        string rest = string.Join("×", System.Linq.Enumerable.Skip(input.Dims, 1));
        string hint = $"; [Network({written})] declares {input.Channels} channels of {rest} (shapes are channels first): for a single-channel {input} input write [Network(1, {written})]";
        context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.SpatialRankMismatch, context.NetworkLocation, context.Label, needed, input, input.SpatialRank, hint));
    }

    /// <summary>
    /// One warning per layer for the input rows, columns or planes at the end that no window reads, naming every axis
    /// that drops some, on the stride argument of the first such axis (its own, StrideWidth, or the shared Stride; the
    /// attribute when the stride was left to its default). 'Same' padding never drops input by construction.
    /// </summary>
    private static void ReportDroppedInput(LayerContext context, int[] stride, int[] padBegin, int[] padEnd, string window)
    {
        LayerDecl layer = context.Layer;
        if (layer.Padding == PaddingMode.Same) return;
        int rank = layer.SpatialRank;
        var parts = new System.Collections.Generic.List<string>();
        int firstAxis = -1;
        for (int axis = 0; axis < rank; axis++)
        {
            long dropped = WindowGeometry.Dropped(context.Input.Spatial(axis), layer.Kernel[axis], stride[axis], padBegin[axis], padEnd[axis]);
            if (dropped == 0) continue;
            if (firstAxis < 0) firstAxis = axis;
            parts.Add($"{dropped} {AttributeAxes.Slice(rank, axis)}{(dropped == 1 ? "" : "s")}");
        }
        if (firstAxis < 0) return;
        string what = parts.Count == 1 ? parts[0] : string.Join(", ", parts.GetRange(0, parts.Count - 1)) + " and " + parts[parts.Count - 1];
        LocationInfo location = context.LocationOf(AttributeAxes.Specific("Stride", rank, firstAxis), "Stride");
        context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.StrideDropsInput, location, context.Label, context.Input, window,
            WindowGeometry.Join(layer.Kernel), WindowGeometry.JoinUniform(EquatableArray.From(stride)), what));
    }
}
