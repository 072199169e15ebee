using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>Output sizes and padding of a sliding window (convolution kernel or pooling window) along each spatial axis.</summary>
internal static class WindowGeometry
{
    /// <summary>
    /// 'Same' padding: output = ceil(input / stride); the total padding is split with the odd one at the end,
    /// as PyTorch's padding='same' and TensorFlow do.
    /// </summary>
    public static (int Begin, int End) SamePadding(int input, int kernel, int stride)
    {
        int output = (input + stride - 1) / stride;
        int total = System.Math.Max((output - 1) * stride + kernel - input, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>floor((input + padBegin + padEnd − kernel) / stride) + 1; zero or less when the kernel does not fit.</summary>
    public static long OutputSize(long input, int kernel, int stride, int padBegin, int padEnd)
    {
        long span = input + padBegin + padEnd - kernel;
        long floor = span >= 0 ? span / stride : -((-span + stride - 1) / stride);
        return floor + 1;
    }

    /// <summary>Input rows/columns at the end that no window reads (unread padding does not count).</summary>
    public static long Dropped(long input, int kernel, int stride, int padBegin, int padEnd)
    {
        long span = input + padBegin + padEnd - kernel;
        return span < 0 ? 0 : System.Math.Max(System.Math.Min(span % stride, input) - padEnd, 0);
    }

    public static string Join(EquatableArray<int> values) => string.Join("×", values);

    /// <summary>A per-axis value as people say it (stride 2, padding 1): one number when every axis has the same, "2×1" otherwise.</summary>
    public static string JoinUniform(EquatableArray<int> values) =>
        values.Count > 0 && AllEqual(values) ? values[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : Join(values);

    public static string JoinPadding(EquatableArray<int> begin, EquatableArray<int> end)
    {
        bool symmetric = true;
        for (int i = 0; i < begin.Count; i++) symmetric &= begin[i] == end[i];
        if (symmetric) return begin.Count == 1 || AllEqual(begin) ? begin[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : Join(begin);
        var parts = new string[begin.Count];
        for (int i = 0; i < begin.Count; i++) parts[i] = $"{begin[i]}+{end[i]}";
        return string.Join("×", parts);
    }

    private static bool AllEqual(EquatableArray<int> values)
    {
        for (int i = 1; i < values.Count; i++)
        {
            if (values[i] != values[0]) return false;
        }
        return true;
    }
}
