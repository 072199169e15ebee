namespace CnnCompiler.Images.Tests;

public class RandomResizedCropTests
{
    [Fact]
    public void Windows_follow_torchvision_get_params()
    {
        var crop = new RandomResizedCrop();
        var random = new SeededRandom(1);
        for (int i = 0; i < 2000; i++)
        {
            var (top, left, h, w) = crop.DrawWindow(32, 48, random);
            Assert.InRange(h, 1, 32);
            Assert.InRange(w, 1, 48);
            Assert.InRange(top, 0, 32 - h);
            Assert.InRange(left, 0, 48 - w);
            double scale = (double)h * w / (32 * 48), ratio = (double)w / h;
            Assert.InRange(scale, 0.05, 1.05);
            Assert.InRange(ratio, 0.6, 1.6);
        }
        // Replaying the same draws by hand gives the same window.
        var a = new SeededRandom(9);
        var b = new SeededRandom(9);
        var window = crop.DrawWindow(32, 48, a);
        double target = 32 * 48 * (0.08 + 0.92 * b.NextDouble());
        double r = Math.Exp(Math.Log(0.75) + (Math.Log(4.0 / 3) - Math.Log(0.75)) * b.NextDouble());
        int ww = (int)Math.Round(Math.Sqrt(target * r)), hh = (int)Math.Round(Math.Sqrt(target / r));
        Assert.Equal((b.NextInt(32 - hh + 1), b.NextInt(48 - ww + 1), hh, ww), window);
    }

    [Fact]
    public void Ten_misses_fall_back_to_the_center_crop_with_the_ratio_clamped()
    {
        // Scale 1 at ratio 2 on a square never fits (w = √2·side): every attempt misses.
        var crop = new RandomResizedCrop(1, 1, 2, 2);
        var random = new SeededRandom(4);
        Assert.Equal((5, 0, 10, 20), crop.DrawWindow(20, 20, random)); // h = round(20 / 2) = 10, top = (20 − 10) / 2
        Assert.Equal(new SeededRandom(4) is var fresh ? Draws(fresh, 20) : default, random.State);
    }

    private static (ulong, ulong, ulong, ulong) Draws(SeededRandom random, int count)
    {
        for (int i = 0; i < count; i++) random.NextDouble();
        return random.State;
    }

    [Fact]
    public void Apply_resizes_the_window_back_to_the_sample_size()
    {
        // A horizontal ramp; a window of the left half, doubled: the ramp's slope halves, the constant stays constant.
        const int C = 2, H = 8, W = 8;
        var batch = new float[C * H * W];
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) { batch[y * W + x] = x; batch[H * W + y * W + x] = 3f; }
        var crop = new RandomResizedCrop(0.5, 0.5, 0.5, 0.5);
        var random = new SeededRandom(2);
        var expected = crop.DrawWindow(H, W, new SeededRandom(2) is var r2 && r2.NextSingle() >= 0 ? r2 : r2);
        crop.Apply(batch, [C, H, W], 1, random);
        Assert.Equal((8, 4), (expected.Height, expected.Width));
        Assert.All(batch.AsSpan(H * W).ToArray(), v => Assert.Equal(3f, v, 5));
        for (int y = 0; y < H; y++)
            for (int x = 1; x < W - 1; x++)
                Assert.Equal(expected.Left + (x + 0.5f) / 2 - 0.5f, batch[y * W + x], 4);
    }
}
