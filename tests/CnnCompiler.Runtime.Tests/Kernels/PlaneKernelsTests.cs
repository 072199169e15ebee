using CnnCompiler.CompilerServices;
using Xunit;

namespace CnnCompiler.Runtime.Tests.Kernels;

/// <summary>BatchNorm's one-pass plane kernels against plain loops in double precision, at lengths around the vector widths.</summary>
public sealed class PlaneKernelsTests
{
    public static TheoryData<int> Lengths => new() { 0, 1, 7, 8, 15, 16, 17, 33, 100, 1024 };

    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SumAndSquares_matches_a_plain_loop(int length)
    {
        float[] x = Values(length, 1);
        (double sum, double squares) = PlaneKernels.SumAndSquares(x);
        Assert.Equal(x.Sum(v => (double)v), sum, 1e-4);
        Assert.Equal(x.Sum(v => (double)v * v), squares, 1e-3);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SumAndDot_matches_a_plain_loop(int length)
    {
        float[] dy = Values(length, 2), x = Values(length, 3);
        (double sum, double dot) = PlaneKernels.SumAndDot(dy, x);
        Assert.Equal(dy.Sum(v => (double)v), sum, 1e-4);
        Assert.Equal(dy.Zip(x, (a, b) => (double)a * b).Sum(), dot, 1e-3);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScaleShift_and_Combine_match_plain_loops(int length)
    {
        float[] x = Values(length, 4), dy = Values(length, 5);
        float[] y = new float[length + 3];
        y.AsSpan(length).Fill(42f);
        PlaneKernels.ScaleShift(x, 1.5f, -0.25f, y);
        for (int i = 0; i < length; i++) Assert.Equal(x[i] * 1.5 - 0.25, y[i], 1e-5);
        Assert.All(y.Skip(length), v => Assert.Equal(42f, v)); // nothing written past the plane

        float[] dx = new float[length];
        PlaneKernels.Combine(dy, 0.5f, x, -2f, 0.125f, dx);
        for (int i = 0; i < length; i++) Assert.Equal(dy[i] * 0.5 + x[i] * -2.0 + 0.125, dx[i], 1e-5);

        // In place: y may be x.
        float[] copy = (float[])x.Clone();
        PlaneKernels.ScaleShift(copy, 2f, 1f, copy);
        for (int i = 0; i < length; i++) Assert.Equal(x[i] * 2.0 + 1, copy[i], 1e-5);
    }

    [Fact]
    public void Mismatched_lengths_are_refused_with_the_lengths_named()
    {
        var dot = Assert.Throws<ArgumentException>(() => PlaneKernels.SumAndDot(new float[8], new float[7]));
        Assert.Contains("x has 7 elements, dy 8", dot.Message);
        var scale = Assert.Throws<ArgumentException>(() => PlaneKernels.ScaleShift(new float[8], 1f, 0f, new float[4]));
        Assert.Contains("y has 4 elements", scale.Message);
        var combine = Assert.Throws<ArgumentException>(() => PlaneKernels.Combine(new float[8], 1f, new float[8], 1f, 0f, new float[5]));
        Assert.Contains("dx 5", combine.Message);
    }
}
