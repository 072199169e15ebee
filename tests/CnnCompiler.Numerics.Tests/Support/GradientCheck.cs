using System.Globalization;
using System.Text;

namespace CnnCompiler.Numerics.Tests.Support;

/// <summary>
/// Finite differences of <see cref="IClassifier.ComputeLoss"/> on the float network, taken in double: the fourth-order
/// central stencil f′(x) ≈ [8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))] / 12h, one value perturbed at a time. The loss
/// is a float near 1–8, so its rounding (up to ~5e-7) costs about 1.5 × 5e-7 / h in the derivative: h is as large as
/// the data allow (see <see cref="TestData.Step"/>), and the stencil's O(h⁴) truncation stays far below that.
/// Test data lie on a 2⁻¹² grid so that x ± h and x ± 2h are exact floats.
/// </summary>
public static class GradientCheck
{

    /// <summary>Largest allowed |analytic − numeric| relative to the largest gradient magnitude of the tensor checked.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>Tensors with more values than this are checked at a seeded random sample of <see cref="SampleSize"/> of them.</summary>
    public const int CheckAllUpTo = 64;

    public const int SampleSize = 50;

    /// <summary>The numeric derivative of the mean loss with respect to <paramref name="values"/>[<paramref name="index"/>].</summary>
    public static double Derivative(Span<float> values, int index, double step, Func<float> loss)
    {
        float original = values[index];
        double plus1 = Shifted(values, index, original, step, loss);
        double minus1 = Shifted(values, index, original, -step, loss);
        double plus2 = Shifted(values, index, original, 2 * step, loss);
        double minus2 = Shifted(values, index, original, -2 * step, loss);
        values[index] = original;
        return (8 * (plus1 - minus1) - (plus2 - minus2)) / (12 * step);
    }

    private static double Shifted(Span<float> values, int index, float original, double offset, Func<float> loss)
    {
        double shifted = original + offset;
        float perturbed = (float)shifted;
        if (perturbed != shifted) throw new InvalidOperationException($"{original:R} + {offset} is not exact in float; test data must lie on the 2⁻¹² grid.");
        values[index] = perturbed;
        return loss();
    }

    /// <summary>
    /// All indices of a tensor of up to <see cref="CheckAllUpTo"/> values; else a seeded random sample of
    /// <see cref="SampleSize"/> of them plus the 5 with the largest analytic gradients, which set the scale.
    /// </summary>
    public static int[] Indices(ReadOnlySpan<float> analytic, int seed)
    {
        int count = analytic.Length;
        if (count <= CheckAllUpTo) return Enumerable.Range(0, count).ToArray();
        int[] all = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(all);
        float[] magnitudes = analytic.ToArray();
        IEnumerable<int> largest = Enumerable.Range(0, count).OrderByDescending(i => Math.Abs(magnitudes[i])).Take(5);
        return all.Take(SampleSize).Union(largest).Order().ToArray();
    }

    /// <summary>
    /// Asserts that the analytic gradient of a tensor matches the numeric one at <paramref name="indices"/>: every
    /// |a − n| stays below <see cref="Tolerance"/> times the tensor's gradient scale (its largest |a| anywhere, or the
    /// largest checked |n| if that is larger), and that scale is not trivially small.
    /// </summary>
    public static void AssertMatches(string what, ReadOnlySpan<float> analytic, int[] indices, double[] numeric)
    {
        double scale = Math.Max(Numeric.MaxAbs(analytic), numeric.Max(Math.Abs));
        Assert.True(scale > 1e-3, $"{what}: every gradient is below 1e-3 ({scale:E2}); the check would prove nothing.");
        double worst = 0;
        var report = new StringBuilder();
        for (int i = 0; i < indices.Length; i++)
        {
            float a = analytic[indices[i]];
            double error = Math.Abs(a - numeric[i]) / scale;
            worst = Math.Max(worst, error);
            if (error >= Tolerance && report.Length < 2000)
            {
                report.Append(CultureInfo.InvariantCulture, $"\n  [{indices[i]}] analytic {a:R}, numeric {numeric[i]:R}, error {error:E2}");
            }
        }
        Assert.True(worst < Tolerance, $"{what}: analytic and numeric gradients differ by up to {worst:E2} of the gradient scale {scale:E3}:{report}");
    }
}
