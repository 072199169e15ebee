using System.Globalization;
using System.Text;

namespace CnnCompiler.Numerics.Tests.Support;

/// <summary>Comparisons that say which element failed and by how much.</summary>
public static class Numeric
{
    /// <summary>Asserts |actual − expected| ≤ relative·|expected| + absolute element by element.</summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int failures = 0;
        var report = new StringBuilder();
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (error <= relative * Math.Abs(expected[i]) + absolute) continue;
            if (failures++ < 8)
            {
                report.Append(CultureInfo.InvariantCulture, $"\n  [{i}] expected {expected[i]:R}, actual {actual[i]:R}, error {error:E2}");
            }
        }
        Assert.True(failures == 0, $"{what}: {failures} of {expected.Length} values differ beyond {relative:E0} relative + {absolute:E0} absolute:{report}");
    }

    public static double MaxAbs(ReadOnlySpan<float> values)
    {
        double max = 0;
        foreach (float v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    public static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>The bit patterns of floats, so that equality is exact and NaN equals the same NaN.</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
