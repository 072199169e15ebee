namespace CnnCompiler.Runtime.Tests.Augmentation;

/// <summary>Brightness, contrast and colour jitter against torchvision's formulas worked out by hand.</summary>
public class IntensityTests
{
    [Fact]
    public void Brightness_multiplies_and_clamps_to_the_unit_range_by_default()
    {
        float[] image = [0f, 0.2f, 0.5f, 0.8f];

        new RandomBrightness((1.5f, 1.5f)).Apply(image, [1, 2, 2], 1, new SeededRandom(1));

        AssertClose([0f, 0.3f, 0.75f, 1f], image);
    }

    [Fact]
    public void Brightness_without_clamping_keeps_values_outside_the_unit_range()
    {
        float[] signal = [-1f, 2f];

        new RandomBrightness((0.5f, 0.5f), clamp: ValueRange.Unbounded).Apply(signal, [1, 2], 1, new SeededRandom(1));

        Assert.Equal([-0.5f, 1f], signal);
    }

    [Fact]
    public void Per_channel_brightness_draws_one_factor_per_channel()
    {
        float[] image = [0.1f, 0.2f, 0.1f, 0.2f, 0.1f, 0.2f, 0.1f, 0.2f]; // 4×1×2, a four-band image

        new RandomBrightness(0.5f, perChannel: true).Apply(image, [4, 1, 2], 1, new SeededRandom(21));

        // The documented draws: the coin, then one factor per channel uniform in [0.5, 1.5].
        var random = new SeededRandom(21);
        random.NextSingle();
        for (int c = 0; c < 4; c++)
        {
            float factor = (float)(0.5 + random.NextDouble());
            Assert.Equal(0.1f * factor, image[2 * c]);
            Assert.Equal(0.2f * factor, image[2 * c + 1]);
        }
        Assert.NotEqual(image[0], image[2]);
    }

    [Fact]
    public void Contrast_blends_with_the_mean()
    {
        float[] image = [0f, 0.2f, 0.4f, 0.6f]; // mean 0.3

        new RandomContrast((0.5f, 0.5f)).Apply(image, [1, 2, 2], 1, new SeededRandom(1));

        // 0.5·v + 0.5·0.3
        AssertClose([0.15f, 0.25f, 0.35f, 0.45f], image);
    }

    [Fact]
    public void Contrast_of_an_rgb_image_uses_torchvisions_grayscale_mean()
    {
        float[] image = [1f, 1f, 0f, 0f, 0f, 0.5f]; // 3×1×2: R = [1, 1], G = [0, 0], B = [0, 0.5]

        new RandomContrast((2f, 2f), clamp: ValueRange.Unbounded).Apply(image, [3, 1, 2], 1, new SeededRandom(1));

        // Grayscale: 0.2989·R + 0.587·G + 0.114·B = [0.2989, 0.3559], mean 0.3274; v = 2v − 0.3274.
        const float mean = 0.3274f;
        AssertClose([2 - mean, 2 - mean, -mean, -mean, -mean, 1 - mean], image);
    }

    [Fact]
    public void Contrast_of_other_channel_counts_uses_the_mean_of_the_whole_sample()
    {
        float[] image = [0.2f, 0.4f, 0.6f, 0.8f]; // 2×2: two bands of a 1D signal, mean 0.5

        new RandomContrast((0f, 0f)).Apply(image, [2, 2], 1, new SeededRandom(1));

        AssertClose([0.5f, 0.5f, 0.5f, 0.5f], image);
    }

    [Fact]
    public void Per_channel_contrast_pulls_each_channel_towards_its_own_mean()
    {
        float[] image = [0.2f, 0.4f, 0.6f, 1f]; // 2×1×2: means 0.3 and 0.8

        new RandomContrast((0.5f, 0.5f), perChannel: true).Apply(image, [2, 1, 2], 1, new SeededRandom(1));

        AssertClose([0.25f, 0.35f, 0.7f, 0.9f], image);
    }

    [Fact]
    public void Color_jitter_applies_brightness_and_contrast_in_the_drawn_order()
    {
        const int count = 12;
        float[] batch = Enumerable.Range(0, count).SelectMany(_ => new[] { 0.2f, 0.9f }).ToArray(); // count × 1×1×2

        new ColorJitter((2f, 2f), (0.5f, 0.5f)).Apply(batch, [1, 1, 2], count, new SeededRandom(4));

        // Brightness first: [0.4, 1 (1.8 clamped)], mean 0.7, then 0.5·v + 0.35 = [0.55, 0.85].
        // Contrast first: mean 0.55, [0.375, 0.725], then ×2 = [0.75, 1 (1.45 clamped)].
        var random = new SeededRandom(4);
        var orders = new HashSet<bool>();
        for (int n = 0; n < count; n++)
        {
            random.NextSingle();
            bool brightnessFirst = random.NextInt(2) == 0;
            random.NextDouble();
            random.NextDouble();
            orders.Add(brightnessFirst);
            AssertClose(brightnessFirst ? [0.55f, 0.85f] : [0.75f, 1f], batch.AsSpan(2 * n, 2).ToArray());
        }
        Assert.Equal(2, orders.Count);
    }

    [Fact]
    public void Color_jitter_with_one_operation_is_that_operation()
    {
        float[] jittered = [0.1f, 0.3f, 0.2f, 0.6f], brightened = [0.1f, 0.3f, 0.2f, 0.6f]; // 2×2 signal, two samples of 2×1

        new ColorJitter(brightness: 0.4f, perChannel: true).Apply(jittered, [2, 1], 2, new SeededRandom(12));
        new RandomBrightness(0.4f, perChannel: true).Apply(brightened, [2, 1], 2, new SeededRandom(12));

        Assert.Equal(brightened, jittered);
        Assert.NotEqual([0.1f, 0.3f, 0.2f, 0.6f], jittered);
    }

    [Fact]
    public void Strength_gives_torchvisions_factor_range()
    {
        var jitter = new ColorJitter(brightness: 0.3f, contrast: 1.5f);
        var brightness = new RandomBrightness(0.25f);

        Assert.Equal((0.7f, 1.3f), jitter.Brightness);
        Assert.Equal((0f, 2.5f), jitter.Contrast);
        Assert.Equal(0.75f, brightness.MinFactor);
        Assert.Equal(1.25f, brightness.MaxFactor);
        Assert.Throws<ArgumentException>(() => new RandomContrast((1.2f, 0.8f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomBrightness(-0.1f));
        Assert.Throws<ArgumentException>(() => new ValueRange(1f, 0f));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6f);
    }
}
