using System.Collections.Generic;
using System.Globalization;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>
/// The stride of an [Add(…, Projection = true)] shortcut, per spatial axis: the 1×1 convolution that turns the
/// source's size into the main path's. Along each axis the strides that fit form a range; the main path's own stride
/// (the product of the strides of the layers from the source to the add, which is what a ResNet shortcut uses) is
/// taken when it is in the range, else the only one in it. Several that fit and none of them the path's is refused:
/// they read different inputs, and guessing would compute something the user did not write.
/// </summary>
internal static class ProjectionStride
{
    /// <summary>The strides, or null with <paramref name="problem"/> saying why none can be chosen.</summary>
    public static int[]? Infer(PlanBuilder builder, int source, Shape from, Shape to, out string problem)
    {
        int rank = from.SpatialRank;
        int[]? path = PathStride(builder, source, rank);
        var strides = new int[rank];
        problem = "";
        for (int axis = 0; axis < rank; axis++)
        {
            int input = from.Spatial(axis), output = to.Spatial(axis);
            (long low, long high) = Fitting(input, output);
            if (low > high)
            {
                problem = "no strided 1×1 convolution turns one into the other (the spatial sizes must shrink by one whole stride on every axis)";
                return null;
            }
            if (path is not null && path[axis] >= low && path[axis] <= high) strides[axis] = path[axis];
            else if (low == high) strides[axis] = (int)low;
            else if (output == 1) strides[axis] = input; // every stride from the input size on reads position 0 alone: all the same
            else
            {
                string axisName = rank == 1 ? "length" : AttributeAxes.Name(rank, axis).ToLowerInvariant();
                string fits = high == low + 1 ? $"{Int(low)} or {Int(high)}" : $"{Int(low)} to {Int(high)}";
                string pathText = path is null ? "" : $", and the layers between (stride {Int(path[axis])}) do not say which";
                problem = $"along {axisName}, {Int(input)} → {Int(output)} fits a 1×1 convolution of stride {fits}{pathText}; pad the layers between so that they keep the size, or stride them by the factor meant";
                return null;
            }
        }
        return strides;
    }

    /// <summary>The strides s ≥ 1 with (input − 1) / s + 1 = output (floor division), as [low, high]; empty when low > high.</summary>
    private static (long Low, long High) Fitting(int input, int output)
    {
        if (output < 1 || input < 1 || output > input) return (1, 0);
        if (output == 1) return (System.Math.Max(input, 1), long.MaxValue);
        // floor((input − 1) / s) = output − 1  ⇔  (input − 1) / output < s ≤ (input − 1) / (output − 1)
        long low = (input - 1) / output + 1;
        long high = (input - 1) / (output - 1);
        return (low, high);
    }

    /// <summary>
    /// The product of the strides of the plans on the main path from <paramref name="source"/> to the current output
    /// (following each plan's input back), per axis; null when the path does not lead back to the source.
    /// </summary>
    private static int[]? PathStride(PlanBuilder builder, int source, int rank)
    {
        var product = new long[rank];
        for (int axis = 0; axis < rank; axis++) product[axis] = 1;
        var seen = new HashSet<int>();
        for (int plan = builder.Last; plan != source; plan = builder.Plans[plan].InputFrom)
        {
            if (plan < 0 || !seen.Add(plan)) return null;
            LayerPlan layer = builder.Plans[plan];
            if (layer.Stride.Count != rank) continue;
            for (int axis = 0; axis < rank; axis++) product[axis] = System.Math.Min(product[axis] * layer.Stride[axis], int.MaxValue);
        }
        var result = new int[rank];
        for (int axis = 0; axis < rank; axis++) result[axis] = (int)product[axis];
        return result;
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
