using CnnCompiler.CompilerServices;

namespace CnnCompiler.Runtime.Tests.Layers;

/// <summary>
/// The runtime's upsampling against values PyTorch 1.13 gives (nn.Upsample, scale_factor=2, align_corners=False):
/// linear along a 1D signal, nearest over a 2D plane 5 wide (one vector step of the widening and one value left over),
/// forward and backward, over two samples and channels.
/// </summary>
public sealed class UpsampleTests
{
    private readonly struct Linear1D : IUpsampleShape
    {
        public static int Channels => 1;
        public static int InDepth => 1;
        public static int InHeight => 1;
        public static int InWidth => 5;
        public static int ScaleDepth => 1;
        public static int ScaleHeight => 1;
        public static int ScaleWidth => 2;
        public static bool Linear => true;
    }

    private readonly struct Nearest2D : IUpsampleShape
    {
        public static int Channels => 1;
        public static int InDepth => 1;
        public static int InHeight => 2;
        public static int InWidth => 5;
        public static int ScaleDepth => 1;
        public static int ScaleHeight => 2;
        public static int ScaleWidth => 2;
        public static bool Linear => false;
    }

    [Fact]
    public void Linear_matches_pytorch_forward_and_backward()
    {
        float[] x = [1, 2, 3, 4, 5, 10, 20, 30, 40, 50], y = new float[20];
        Upsample<Linear1D>.Forward(x, y, 2);
        Assert.Equal([1f, 1.25f, 1.75f, 2.25f, 2.75f, 3.25f, 3.75f, 4.25f, 4.75f, 5f], y[..10]);
        Assert.Equal([10f, 12.5f, 17.5f, 22.5f, 27.5f, 32.5f, 37.5f, 42.5f, 47.5f, 50f], y[10..]);

        float[] dy = [.. Enumerable.Range(0, 10).Select(i => (float)i), .. Enumerable.Repeat(1f, 10)];
        float[] dx = Enumerable.Repeat(42f, 10).ToArray(); // stale values must be overwritten
        Upsample<Linear1D>.Backward(dy, dx, 2);
        Assert.Equal([1.25f, 5f, 9f, 13f, 16.75f, 2f, 2f, 2f, 2f, 2f], dx);
    }

    [Fact]
    public void Nearest_copies_each_value_to_its_block_and_sums_the_blocks_gradient()
    {
        float[] x = [.. Enumerable.Range(1, 10).Select(i => (float)i), .. Enumerable.Range(1, 10).Select(i => -i / 2f)];
        float[] y = new float[80];
        Upsample<Nearest2D>.Forward(x, y, 2);
        for (int n = 0; n < 2; n++)
        {
            for (int oh = 0; oh < 4; oh++)
            {
                for (int ow = 0; ow < 10; ow++) Assert.Equal(x[n * 10 + oh / 2 * 5 + ow / 2], y[n * 40 + oh * 10 + ow]);
            }
        }

        float[] dy = [.. Enumerable.Range(0, 40).Select(i => (float)i), .. Enumerable.Repeat(0.5f, 40)];
        float[] dx = Enumerable.Repeat(42f, 20).ToArray();
        Upsample<Nearest2D>.Backward(dy, dx, 2);
        Assert.Equal([22f, 30f, 38f, 46f, 54f, 102f, 110f, 118f, 126f, 134f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f], dx);
    }

    [Fact]
    public void Backward_without_an_input_gradient_does_nothing()
    {
        Upsample<Nearest2D>.Backward(new float[40], Span<float>.Empty, 1);
        Upsample<Linear1D>.Backward(new float[10], Span<float>.Empty, 1);
    }
}
