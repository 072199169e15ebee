using System.Numerics.Tensors;
using CnnCompiler.CompilerServices;
using Xunit;

namespace CnnCompiler.Runtime.Tests.Kernels;

/// <summary>
/// The kernels that fuse a ReLU into BatchNorm's passes or a residual add give bitwise what the separate kernels gave
/// (affine pass then ReLU; ReLU backward then BatchNorm's backward passes; add then ReLU), NaN and signed zeros included,
/// at lengths around the vector widths.
/// </summary>
public sealed class FusedReLUKernelTests
{
    public static TheoryData<int> Lengths => new() { 0, 1, 7, 8, 15, 16, 17, 33, 100, 1024 };

    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        float[] special = [-0f, 0f, 1e-30f, -1e-30f, 3f, -3f];
        return Enumerable.Range(0, length).Select(i => i % 7 == 3 ? special[i / 7 % special.Length] : (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScaleShiftReLU_is_ScaleShift_then_ReLU(int length)
    {
        float[] x = Values(length, 1);
        x.AsSpan().Slice(0, Math.Min(length, 1)).Fill(float.NaN);
        float[] expected = new float[length];
        PlaneKernels.ScaleShift(x, 1.5f, -0.25f, expected);
        ActivationKernels.ReLU(expected);
        float[] y = new float[length + 3];
        y.AsSpan(length).Fill(42f);
        PlaneKernels.ScaleShiftReLU(x, 1.5f, -0.25f, y);
        Assert.Equal(Bits(expected), Bits(y[..length]));
        Assert.All(y.Skip(length), v => Assert.Equal(42f, v)); // nothing written past the plane
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Masked_backward_passes_are_ReLU_backward_then_the_plain_passes(int length)
    {
        float[] dy = Values(length, 2), y = Values(length, 3), x = Values(length, 4);
        for (int i = 0; i < length; i++) y[i] = Math.Max(y[i], 0f); // a ReLU's output: zeros and positives
        float[] masked = new float[length];
        ActivationKernels.ReLUBackward(y, dy, masked);

        (double sum, double dot) = PlaneKernels.SumAndDot(masked, x);
        (double fusedSum, double fusedDot) = PlaneKernels.SumAndDotReLU(dy, y, x);
        Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(fusedSum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(dot), BitConverter.DoubleToInt64Bits(fusedDot));

        float[] expected = new float[length], dx = new float[length];
        PlaneKernels.Combine(masked, 0.5f, x, -2f, 0.125f, expected);
        PlaneKernels.CombineReLU(dy, y, 0.5f, x, -2f, 0.125f, dx);
        Assert.Equal(Bits(expected), Bits(dx));

        // In place on dy.
        float[] copy = (float[])dy.Clone();
        PlaneKernels.CombineReLU(copy, y, 0.5f, x, -2f, 0.125f, copy);
        Assert.Equal(Bits(expected), Bits(copy));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddReLU_and_its_backward_are_the_separate_add_and_ReLU(int length)
    {
        float[] x = Values(length, 5), skip = Values(length, 6), dy = Values(length, 7);
        float[] expected = new float[length];
        TensorPrimitives.Add(x, skip, expected);
        ActivationKernels.ReLU(expected);
        float[] y = new float[length];
        ActivationKernels.AddReLU(x, skip, y);
        Assert.Equal(Bits(expected), Bits(y));

        float[] masked = new float[length];
        ActivationKernels.ReLUBackward(y, dy, masked);
        float[] dx = new float[length], dskip = new float[length];
        ActivationKernels.AddReLUBackward(y, dy, dx, dskip);
        Assert.Equal(Bits(masked), Bits(dx));
        Assert.Equal(Bits(masked), Bits(dskip));
        // Either target may be empty (not wanted).
        float[] only = new float[length];
        ActivationKernels.AddReLUBackward(y, dy, default, only);
        Assert.Equal(Bits(masked), Bits(only));
        only.AsSpan().Clear();
        ActivationKernels.AddReLUBackward(y, dy, only, default);
        Assert.Equal(Bits(masked), Bits(only));
    }

    [Fact]
    public void Mismatched_lengths_are_refused_with_the_lengths_named()
    {
        var dot = Assert.Throws<ArgumentException>(() => PlaneKernels.SumAndDotReLU(new float[8], new float[7], new float[8]));
        Assert.Contains("y 7", dot.Message);
        var combine = Assert.Throws<ArgumentException>(() => PlaneKernels.CombineReLU(new float[8], new float[8], 1f, new float[8], 1f, 0f, new float[5]));
        Assert.Contains("dx 5", combine.Message);
        var add = Assert.Throws<ArgumentException>(() => ActivationKernels.AddReLU(new float[8], new float[6], new float[8]));
        Assert.Contains("skip input 6", add.Message);
        var backward = Assert.Throws<ArgumentException>(() => ActivationKernels.AddReLUBackward(new float[8], new float[8], new float[8], new float[3]));
        Assert.Contains("skip gradient 3", backward.Message);
    }
}
