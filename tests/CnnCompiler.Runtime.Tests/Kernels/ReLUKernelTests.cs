using CnnCompiler.CompilerServices;
using Xunit;

namespace CnnCompiler.Runtime.Tests.Kernels;

/// <summary>The one-pass ReLU forms give bitwise what the copy-then-in-place forms gave, NaN and signed zeros included.</summary>
public sealed class ReLUKernelTests
{
    private static float[] Values(int length)
    {
        var random = new Random(7);
        float[] special = [float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, 1e-30f, -1e-30f];
        return Enumerable.Range(0, length).Select(i => i % 5 == 0 ? special[i / 5 % special.Length] : (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(37)]
    public void One_pass_forms_match_the_in_place_forms(int length)
    {
        float[] x = Values(length);
        float[] expected = (float[])x.Clone();
        ActivationKernels.ReLU(expected);
        float[] y = new float[length];
        ActivationKernels.ReLU(x, y);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), y.Select(BitConverter.SingleToInt32Bits));

        float[] dy = Values(length).Reverse().ToArray();
        float[] expectedDx = (float[])dy.Clone();
        ActivationKernels.ReLUBackward(y, expectedDx);
        float[] dx = Enumerable.Repeat(123f, length + 2).ToArray();
        ActivationKernels.ReLUBackward(y, dy, dx);
        Assert.Equal(expectedDx.Select(BitConverter.SingleToInt32Bits), dx.Take(length).Select(BitConverter.SingleToInt32Bits));
        Assert.All(dx.Skip(length), v => Assert.Equal(123f, v)); // nothing written past the gradient
    }

    [Fact]
    public void Mismatched_lengths_name_all_three()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivationKernels.ReLUBackward(new float[8], new float[8], new float[4]));
        Assert.Contains("input gradient 4", error.Message);
    }
}
