namespace CnnCompiler.Runtime.Tests.Augmentation;

/// <summary>Gaussian noise: fixed by the seed, with the requested spread, clamped as torchvision's clip=True.</summary>
public class NoiseTests
{
    [Fact]
    public void The_same_seed_gives_the_same_noise_and_another_seed_other_noise()
    {
        var noise = new GaussianNoise(0.1f, clamp: ValueRange.Unbounded);
        float[] a = new float[2 * 3 * 5], b = new float[30], c = new float[30];

        noise.Apply(a, [3, 5], 2, new SeededRandom(7));
        noise.Apply(b, [3, 5], 2, new SeededRandom(7));
        noise.Apply(c, [3, 5], 2, new SeededRandom(8));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Noise_has_the_requested_mean_and_standard_deviation()
    {
        const int n = 4 * 64 * 64;
        float[] batch = new float[n];

        new GaussianNoise(std: 0.1f, mean: 0.05f, clamp: ValueRange.Unbounded).Apply(batch, [1, 64, 64], 4, new SeededRandom(3));

        double mean = batch.Average(v => (double)v);
        double std = Math.Sqrt(batch.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        // Standard errors: 0.1/√16384 ≈ 0.0008 for the mean, 0.1/√32768 ≈ 0.0006 for the deviation.
        Assert.InRange(mean, 0.05 - 0.004, 0.05 + 0.004);
        Assert.InRange(std, 0.1 - 0.003, 0.1 + 0.003);
        // Neighbouring values (the two outputs of one Box–Muller pair) are uncorrelated.
        double covariance = 0;
        for (int i = 0; i + 1 < n; i += 2) covariance += (batch[i] - mean) * (batch[i + 1] - mean);
        Assert.InRange(covariance / (n / 2) / (std * std), -0.05, 0.05);
    }

    [Fact]
    public void Noise_follows_the_documented_box_muller_draws()
    {
        float[] signal = [0.5f, 0.5f, 0.5f]; // 1×3: an odd length uses half of the second pair

        new GaussianNoise(0.2f, clamp: ValueRange.Unbounded).Apply(signal, [1, 3], 1, new SeededRandom(30));

        var random = new SeededRandom(30);
        random.NextSingle();
        double r1 = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())), t1 = 2 * Math.PI * random.NextDouble();
        double r2 = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())), t2 = 2 * Math.PI * random.NextDouble();
        Assert.Equal(0.5 + 0.2 * r1 * Math.Cos(t1), signal[0], 1e-6);
        Assert.Equal(0.5 + 0.2 * r1 * Math.Sin(t1), signal[1], 1e-6);
        Assert.Equal(0.5 + 0.2 * r2 * Math.Cos(t2), signal[2], 1e-6);
    }

    [Fact]
    public void By_default_results_are_clipped_to_the_unit_range()
    {
        float[] image = Enumerable.Repeat(0.5f, 1000).ToArray();

        new GaussianNoise(1f).Apply(image, [1, 10, 100], 1, new SeededRandom(2));

        Assert.All(image, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(0f, image);
        Assert.Contains(1f, image);
    }

    [Fact]
    public void Samples_get_noise_with_the_given_probability()
    {
        float[] batch = new float[1000 * 4];

        new GaussianNoise(0.1f, probability: 0.25f, clamp: ValueRange.Unbounded).Apply(batch, [4], 1000, new SeededRandom(6));

        int noisy = Enumerable.Range(0, 1000).Count(n => batch[4 * n] != 0f);
        Assert.InRange(noisy, 200, 300); // 250 expected, σ ≈ 14
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-0.1f));
    }
}
