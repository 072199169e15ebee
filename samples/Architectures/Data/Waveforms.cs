namespace CnnCompiler.Samples.Architectures.Data;

/// <summary>
/// Labelled noisy waveforms of 1×256 samples for <see cref="SignalNet"/>: class 0 sine, 1 square, 2 sawtooth, 3 linear
/// chirp. Each has a random frequency (2–10 cycles over the window; a chirp sweeps 1–3 to 12–20 cycles, up or down), phase
/// and amplitude (0.5–1.5), plus Gaussian noise of standard deviation <see cref="NoiseSigma"/>.
/// </summary>
public static class Waveforms
{
    public const int Length = 256;
    public const int ClassCount = 4;
    public const float NoiseSigma = 0.3f;

    public static readonly string[] ClassNames = ["sine", "square", "sawtooth", "chirp"];

    /// <summary><paramref name="count"/> waveforms, classes in turn (0, 1, 2, 3, 0, …); the seed fixes every value.</summary>
    public static Dataset Generate(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new SeededRandom(seed);
        var samples = new float[count * Length];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % ClassCount;
            Fill(samples.AsSpan(i * Length, Length), labels[i], random);
        }
        return new Dataset(samples, labels, 1, Length);
    }

    private static void Fill(Span<float> signal, int label, SeededRandom random)
    {
        double amplitude = 0.5 + random.NextDouble();
        double phase = random.NextDouble(); // in cycles
        double cycles = 2 + 8 * random.NextDouble();
        // A chirp's instantaneous frequency goes linearly from `start` to `end` cycles per window.
        double start = 1 + 2 * random.NextDouble(), end = 12 + 8 * random.NextDouble();
        if (random.NextInt(2) == 1) (start, end) = (end, start);
        for (int t = 0; t < Length; t++)
        {
            double x = (double)t / Length;
            double position = label == 3 ? phase + start * x + (end - start) * x * x / 2 : phase + cycles * x; // in cycles
            double fraction = position - Math.Floor(position);
            double value = label switch
            {
                0 or 3 => Math.Sin(2 * Math.PI * position),
                1 => fraction < 0.5 ? 1.0 : -1.0,
                _ => 2 * fraction - 1,
            };
            signal[t] = (float)(amplitude * value + NoiseSigma * random.NextGaussian());
        }
    }
}
