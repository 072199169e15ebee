using CnnCompiler.CompilerServices;
using static CnnCompiler.Runtime.Tests.Layers.LayerTestData;

namespace CnnCompiler.Runtime.Tests.Layers;

/// <summary>The runtime's residual add, plain and with the ReLU after it fused: the forms agree, and either gradient target may be unwanted.</summary>
public sealed class ResidualAddTests
{
    private const int Length = 37, Count = 3, Total = Length * Count;

    private readonly struct Plain : IResidualAddShape
    {
        public static int Length => ResidualAddTests.Length;
        public static bool FusesReLU => false;
    }

    private readonly struct Fused : IResidualAddShape
    {
        public static int Length => ResidualAddTests.Length;
        public static bool FusesReLU => true;
    }

    [Fact]
    public void The_fused_form_is_the_add_then_a_ReLU_bitwise()
    {
        float[] x = Values(Total, 1), skip = Values(Total, 2), dy = Values(Total, 3);
        float[] sum = new float[Total], y = new float[Total], fusedY = new float[Total];
        ResidualAdd<Plain>.Forward(x, skip, sum, Count);
        ActivationKernels.ReLU(sum, y);
        ResidualAdd<Fused>.ForwardReLU(x, skip, fusedY, Count);
        Assert.Equal(Bits(y), Bits(fusedY));

        float[] masked = new float[Total], dx = new float[Total], dskip = new float[Total];
        ActivationKernels.ReLUBackward(y, dy, masked);
        ResidualAdd<Plain>.Backward(sum, masked, dx, dskip, Count);
        float[] fusedDx = new float[Total], fusedDskip = new float[Total];
        ResidualAdd<Fused>.Backward(fusedY, dy, fusedDx, fusedDskip, Count);
        Assert.Equal(Bits(dx), Bits(fusedDx));
        Assert.Equal(Bits(dskip), Bits(fusedDskip));
        Assert.Equal(Bits(masked), Bits(fusedDx));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Either_gradient_target_may_be_unwanted(bool wantInput, bool wantSkip)
    {
        float[] y = Values(Total, 4), dy = Values(Total, 5);
        foreach (bool fused in new[] { false, true })
        {
            float[] dx = new float[Total], dskip = new float[Total];
            Span<float> input = wantInput ? dx : default, skip = wantSkip ? dskip : default;
            if (fused) ResidualAdd<Fused>.Backward(y, dy, input, skip, Count);
            else ResidualAdd<Plain>.Backward(y, dy, input, skip, Count);
            float[] expected = fused ? dy.Select((g, i) => y[i] > 0f ? g : 0f).ToArray() : dy;
            Assert.Equal(Bits(wantInput ? expected : new float[Total]), Bits(dx));
            Assert.Equal(Bits(wantSkip ? expected : new float[Total]), Bits(dskip));
        }
    }
}
