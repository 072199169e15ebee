namespace CnnCompiler.Runtime.Tests.Augmentation;

/// <summary>Flips on tiny images and signals whose flipped form is written out by hand.</summary>
public class FlipTests
{
    [Fact]
    public void Horizontal_flip_mirrors_each_row()
    {
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9]; // 1×3×3

        new RandomHorizontalFlip(probability: 1f).Apply(image, [1, 3, 3], 1, new SeededRandom(1));

        Assert.Equal([3f, 2, 1, 6, 5, 4, 9, 8, 7], image);
    }

    [Fact]
    public void Horizontal_and_vertical_flips_of_a_three_channel_two_by_four_image()
    {
        // 3×2×4: channel c, row y, column x holds 100c + 10y + x.
        float[] image = Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(0, 2).SelectMany(y =>
            Enumerable.Range(0, 4).Select(x => 100f * c + 10 * y + x))).ToArray();
        float[] horizontal = (float[])image.Clone(), vertical = (float[])image.Clone();

        new RandomHorizontalFlip(1f).Apply(horizontal, [3, 2, 4], 1, new SeededRandom(1));
        new RandomVerticalFlip(1f).Apply(vertical, [3, 2, 4], 1, new SeededRandom(1));

        Assert.Equal([3f, 2, 1, 0, 13, 12, 11, 10, 103, 102, 101, 100, 113, 112, 111, 110, 203, 202, 201, 200, 213, 212, 211, 210], horizontal);
        Assert.Equal([10f, 11, 12, 13, 0, 1, 2, 3, 110, 111, 112, 113, 100, 101, 102, 103, 210, 211, 212, 213, 200, 201, 202, 203], vertical);
    }

    [Fact]
    public void Time_flip_reverses_signals_and_the_frames_of_clips()
    {
        float[] signal = [1, 2, 3, 4, 5, 10, 20, 30, 40, 50]; // 2×5
        float[] clip = [1, 2, 3, 4, 5, 6]; // 1×3×1×2: frames [1, 2], [3, 4], [5, 6]

        new RandomTimeFlip(1f).Apply(signal, [2, 5], 1, new SeededRandom(1));
        new RandomTimeFlip(1f).Apply(clip, [1, 3, 1, 2], 1, new SeededRandom(1));

        Assert.Equal([5f, 4, 3, 2, 1, 50, 40, 30, 20, 10], signal);
        Assert.Equal([5f, 6, 3, 4, 1, 2], clip);
    }

    [Fact]
    public void Each_sample_flips_with_the_given_probability_and_the_seed_fixes_which()
    {
        const int count = 2000;
        float[] batch = Enumerable.Range(0, count).SelectMany(_ => new[] { 1f, 2f }).ToArray(); // count × 1×1×2
        float[] again = (float[])batch.Clone();
        var flip = new RandomHorizontalFlip(0.3f);

        flip.Apply(batch, [1, 1, 2], count, new SeededRandom(42));
        flip.Apply(again, [1, 1, 2], count, new SeededRandom(42));

        int flipped = Enumerable.Range(0, count).Count(n => batch[2 * n] == 2f);
        Assert.InRange(flipped, 540, 660); // 600 expected, σ ≈ 20
        Assert.Equal(batch, again);
        // The documented draw: one NextSingle per sample, flip when below the probability.
        var random = new SeededRandom(42);
        for (int n = 0; n < count; n++) Assert.Equal(random.NextSingle() < 0.3f ? 2f : 1f, batch[2 * n]);
    }

    [Fact]
    public void Probability_zero_leaves_the_batch_alone()
    {
        float[] image = [1, 2, 3, 4];

        new RandomVerticalFlip(0f).Apply(image, [1, 2, 2], 1, new SeededRandom(3));

        Assert.Equal([1f, 2, 3, 4], image);
    }

    [Fact]
    public void Shapes_without_the_axis_are_refused_by_name()
    {
        var vertical = Assert.Throws<ArgumentException>(() => new RandomVerticalFlip(1f).Apply(new float[6], [2, 3], 1, new SeededRandom(1)));
        var time = Assert.Throws<ArgumentException>(() => new RandomTimeFlip(1f).Apply(new float[6], [1, 2, 3], 1, new SeededRandom(1)));

        Assert.StartsWith("RandomVerticalFlip works on C×H×W or C×D×H×W samples; got 2×3.", vertical.Message);
        Assert.StartsWith("RandomTimeFlip works on C×L or C×D×H×W samples; got the image shape 1×2×3", time.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(1.5f));
    }
}
