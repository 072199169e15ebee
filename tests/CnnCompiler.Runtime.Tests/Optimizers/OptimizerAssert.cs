namespace CnnCompiler.Runtime.Tests.Optimizers;

/// <summary>
/// Float results against expected values worked out in double: each element within <c>tolerance·max(|expected|, scale)</c>,
/// so values far below <c>scale</c> (moments of small gradients) are still compared relatively when <c>scale</c> is small.
/// </summary>
internal static class OptimizerAssert
{
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance = 2e-6, double scale = 1.0)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(scale, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    /// <summary>
    /// The textbook Adam/AdamW update in double (bias-corrected moments, Kingma and Ba's form), as an independent
    /// reference for the float implementation's rearranged, vectorized one.
    /// </summary>
    public static void ReferenceAdamStep(
        double[] p, ReadOnlySpan<float> g, double[] m, double[] v, double[]? vMax, int t,
        double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        for (int i = 0; i < p.Length; i++)
        {
            double gi = g[i];
            if (decoupled) p[i] *= 1 - lr * weightDecay;
            else gi += weightDecay * p[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            double second = v[i];
            if (vMax is not null) second = vMax[i] = Math.Max(vMax[i], v[i]);
            double mHat = m[i] / (1 - Math.Pow(beta1, t));
            double vHat = second / (1 - Math.Pow(beta2, t));
            p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
        }
    }
}
