namespace CnnCompiler.Samples.Architectures.Data;

/// <summary>
/// Clips of 1×8×16×16 (channel, frames, height, width) for <see cref="ClipNet"/>: a bright 4×4 square moving one pixel per
/// frame, class 0 left, 1 right, 2 up, 3 down, from a random start that keeps it inside the frame, over a random dim
/// background with Gaussian noise of standard deviation <see cref="NoiseSigma"/>.
/// </summary>
public static class MovingSquareClips
{
    public const int Frames = 8, Height = 16, Width = 16;
    public const int ClassCount = 4;
    public const int SquareSize = 4;
    public const float NoiseSigma = 0.2f;

    /// <summary>Generated values are centred, (x − <see cref="Mean"/>) × <see cref="Scale"/>: mean 0, standard deviation about 0.3.</summary>
    public const float Mean = 0.2f, Scale = 1f;
    public const int SampleLength = Frames * Height * Width;

    public static readonly string[] ClassNames = ["left", "right", "up", "down"];

    /// <summary><paramref name="count"/> clips, classes in turn (0, 1, 2, 3, 0, …); the seed fixes every value.</summary>
    public static Dataset Generate(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new SeededRandom(seed);
        var samples = new float[count * SampleLength];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % ClassCount;
            Fill(samples.AsSpan(i * SampleLength, SampleLength), labels[i], random);
        }
        Normalization.Apply(samples, Mean, Scale);
        return new Dataset(samples, labels, 1, Frames, Height, Width);
    }

    private static void Fill(Span<float> clip, int label, SeededRandom random)
    {
        (int dx, int dy) = label switch { 0 => (-1, 0), 1 => (1, 0), 2 => (0, -1), _ => (0, 1) };
        int travel = Frames - 1;
        // Start so that the square stays inside the frame along its whole path.
        int x0 = dx < 0 ? travel + random.NextInt(Width - SquareSize - travel + 1) : dx > 0 ? random.NextInt(Width - SquareSize - travel + 1) : random.NextInt(Width - SquareSize + 1);
        int y0 = dy < 0 ? travel + random.NextInt(Height - SquareSize - travel + 1) : dy > 0 ? random.NextInt(Height - SquareSize - travel + 1) : random.NextInt(Height - SquareSize + 1);
        float background = 0.3f * random.NextSingle();
        float brightness = 0.8f + 0.4f * random.NextSingle();
        for (int f = 0; f < Frames; f++)
        {
            int x = x0 + dx * f, y = y0 + dy * f;
            for (int h = 0; h < Height; h++)
            {
                for (int w = 0; w < Width; w++)
                {
                    bool inside = h >= y && h < y + SquareSize && w >= x && w < x + SquareSize;
                    clip[(f * Height + h) * Width + w] = (inside ? brightness : background) + NoiseSigma * (float)random.NextGaussian();
                }
            }
        }
    }
}
