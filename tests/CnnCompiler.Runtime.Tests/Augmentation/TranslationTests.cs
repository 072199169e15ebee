namespace CnnCompiler.Runtime.Tests.Augmentation;

/// <summary>RandomCrop with padding and RandomTimeShift move whole pixels and steps, filling what they uncover.</summary>
public class TranslationTests
{
    [Fact]
    public void Crop_with_padding_translates_by_the_drawn_offsets()
    {
        const int count = 50;
        // count × 2×4×5, every value distinct: 1000n + 100c + 10y + x + 1 (so 0 means filled).
        float[] batch = new float[count * 40];
        for (int n = 0; n < count; n++)
            for (int c = 0; c < 2; c++)
                for (int y = 0; y < 4; y++)
                    for (int x = 0; x < 5; x++) batch[n * 40 + c * 20 + y * 5 + x] = 1000 * n + 100 * c + 10 * y + x + 1;
        float[] original = (float[])batch.Clone();

        new RandomCrop(padding: 2).Apply(batch, [2, 4, 5], count, new SeededRandom(17));

        // The documented draws per sample: the coin, then top and left in 0…4. out[y, x] = in[y + top − 2, x + left − 2].
        var random = new SeededRandom(17);
        var offsets = new HashSet<(int, int)>();
        for (int n = 0; n < count; n++)
        {
            Assert.True(random.NextSingle() < 1f);
            int dy = random.NextInt(5) - 2, dx = random.NextInt(5) - 2;
            offsets.Add((dy, dx));
            for (int c = 0; c < 2; c++)
                for (int y = 0; y < 4; y++)
                    for (int x = 0; x < 5; x++)
                    {
                        int sy = y + dy, sx = x + dx;
                        float expected = sy is >= 0 and < 4 && sx is >= 0 and < 5 ? original[n * 40 + c * 20 + sy * 5 + sx] : 0f;
                        Assert.Equal(expected, batch[n * 40 + c * 20 + y * 5 + x]);
                    }
        }
        Assert.True(offsets.Count > 15, $"50 samples should show most of the 25 offsets; saw {offsets.Count}.");
    }

    [Fact]
    public void A_crop_offset_moves_a_known_pixel()
    {
        // Find a seed whose draws give top = 0, left = 4 (shift down by 2, left by 2), then check the image by hand.
        ulong seed = 0;
        while (true)
        {
            var probe = new SeededRandom(seed);
            probe.NextSingle();
            if (probe.NextInt(5) == 0 && probe.NextInt(5) == 4) break;
            seed++;
        }
        float[] image = new float[16]; // 1×4×4 with a single bright pixel at (y 0, x 3)
        image[3] = 1f;

        new RandomCrop(2, fill: 0f).Apply(image, [1, 4, 4], 1, new SeededRandom(seed));

        // out[y, x] = in[y − 2, x + 2]: the pixel lands at (y 2, x 1).
        float[] expected = new float[16];
        expected[2 * 4 + 1] = 1f;
        Assert.Equal(expected, image);
    }

    [Fact]
    public void Crop_fills_with_the_given_value_and_treats_every_depth_slice_alike()
    {
        ulong seed = 0;
        while (true)
        {
            var probe = new SeededRandom(seed);
            probe.NextSingle();
            if (probe.NextInt(3) == 2 && probe.NextInt(1) == 0) break;
            seed++;
        }
        float[] volume = [1, 2, 3, 4, 5, 6, 7, 8]; // 1×2×2×2: slices [[1, 2], [3, 4]] and [[5, 6], [7, 8]]

        new RandomCrop(verticalPadding: 1, horizontalPadding: 0, fill: -1f).Apply(volume, [1, 2, 2, 2], 1, new SeededRandom(seed));

        // top = 2 with padding 1: out[y] = in[y + 1]; the bottom row is filled.
        Assert.Equal([3f, 4, -1, -1, 7, 8, -1, -1], volume);
    }

    [Fact]
    public void Time_shift_moves_every_channel_by_the_drawn_steps()
    {
        float[] batch = [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60, 1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60]; // 2 × 2×6
        float[] original = (float[])batch.Clone();

        new RandomTimeShift(maxShift: 3).Apply(batch, [2, 6], 2, new SeededRandom(8));

        var random = new SeededRandom(8);
        for (int n = 0; n < 2; n++)
        {
            random.NextSingle();
            int shift = random.NextInt(7) - 3;
            for (int c = 0; c < 2; c++)
                for (int t = 0; t < 6; t++)
                {
                    int source = t - shift;
                    float expected = source is >= 0 and < 6 ? original[n * 12 + c * 6 + source] : 0f;
                    Assert.Equal(expected, batch[n * 12 + c * 6 + t]);
                }
        }
    }

    [Fact]
    public void Time_shift_of_a_clip_moves_whole_frames()
    {
        ulong seed = 0;
        while (true)
        {
            var probe = new SeededRandom(seed);
            probe.NextSingle();
            if (probe.NextInt(3) == 2) break; // shift +1
            seed++;
        }
        float[] clip = [1, 2, 3, 4, 5, 6]; // 1×3×1×2

        new RandomTimeShift(1).Apply(clip, [1, 3, 1, 2], 1, new SeededRandom(seed));

        Assert.Equal([0f, 0, 1, 2, 3, 4], clip);
    }

    [Fact]
    public void Arguments_and_shapes_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomCrop(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomTimeShift(2, probability: -0.1f));
        var shape = Assert.Throws<ArgumentException>(() => new RandomCrop(1).Apply(new float[8], [2, 4], 1, new SeededRandom(1)));
        var length = Assert.Throws<ArgumentException>(() => new RandomCrop(1).Apply(new float[35], [1, 3, 3], 4, new SeededRandom(1)));

        Assert.StartsWith("RandomCrop works on C×H×W or C×D×H×W samples; got 2×4.", shape.Message);
        Assert.StartsWith("A batch of 4 samples of 1×3×3 needs 36 floats; got 35.", length.Message);
    }
}
