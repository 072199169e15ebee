using CnnCompiler.Samples.Architectures;
using CnnCompiler.Samples.Architectures.Data;

namespace CnnCompiler.Architectures.Tests;

/// <summary>The data generators: seeded, shaped for their networks, balanced, finite and centred.</summary>
public sealed class GeneratedDataTests
{
    public static TheoryData<string> Names => new(ArchitectureCatalog.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeedSameData_OtherSeedOtherData(string name)
    {
        ArchitectureSample sample = ArchitectureCatalog.Select(name)[0];
        Dataset a = sample.Generate(20, 5), b = sample.Generate(20, 5), c = sample.Generate(20, 6);
        Assert.True(a.Samples.SequenceEqual(b.Samples));
        Assert.True(a.Labels.SequenceEqual(b.Labels));
        Assert.False(a.Samples.SequenceEqual(c.Samples));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SamplesFitTheNetworkAndClassesAreBalanced(string name)
    {
        ArchitectureSample sample = ArchitectureCatalog.Select(name)[0];
        IClassifier network = sample.Create(1);
        int classes = network.OutputLength;
        Dataset data = sample.Generate(classes * 20, 3);

        Assert.Equal(network.InputShape.ToArray(), data.SampleShape.ToArray());
        data.ValidateLabels(classes);
        for (int c = 0; c < classes; c++)
        {
            int label = c;
            Assert.Equal(20, data.Labels.ToArray().Count(l => l == label));
        }
        double sum = 0, squares = 0;
        foreach (float value in data.Samples)
        {
            Assert.True(float.IsFinite(value));
            sum += value;
            squares += (double)value * value;
        }
        double mean = sum / data.Samples.Length, deviation = Math.Sqrt(squares / data.Samples.Length - mean * mean);
        Assert.InRange(mean, -0.1, 0.1);
        Assert.InRange(deviation, 0.2, 1.2);
    }

    [Fact]
    public void ShapeImagesComeInBothSizes()
    {
        Assert.Equal([3, 32, 32], ShapeImages.Generate(10, 32, 1).SampleShape.ToArray());
        Assert.Equal([3, 64, 64], ShapeImages.Generate(10, 64, 1).SampleShape.ToArray());
    }

    [Fact]
    public void ClipsShowTheSquareMovingInTheirLabelledDirection()
    {
        // The brightest 3×3 patch of the first and last frame: its centre moves by 7 pixels in the labelled direction.
        Dataset clips = MovingSquareClips.Generate(8, 9);
        for (int i = 0; i < clips.Count; i++)
        {
            var (x0, y0) = BrightestPatch(clips.Sample(i), 0);
            var (x7, y7) = BrightestPatch(clips.Sample(i), MovingSquareClips.Frames - 1);
            (int dx, int dy) = clips.Label(i) switch { 0 => (-7, 0), 1 => (7, 0), 2 => (0, -7), _ => (0, 7) };
            Assert.Equal((dx, dy), (x7 - x0, y7 - y0));
        }
    }

    [Fact]
    public void WaveformClassesDifferInShape()
    {
        // A square wave sits near ±amplitude; a sawtooth spreads evenly. Compare the mean |value| relative to the RMS.
        Dataset waves = Waveforms.Generate(400, 4);
        double[] ratio = new double[Waveforms.ClassCount];
        for (int i = 0; i < waves.Count; i++)
        {
            ReadOnlySpan<float> wave = waves.Sample(i);
            double abs = 0, squares = 0;
            foreach (float v in wave) { abs += Math.Abs(v); squares += v * v; }
            ratio[waves.Label(i)] += abs / wave.Length / Math.Sqrt(squares / wave.Length) / (waves.Count / Waveforms.ClassCount);
        }
        Assert.True(ratio[1] > ratio[0] && ratio[0] > ratio[2], $"mean |x| / rms: sine {ratio[0]:F3}, square {ratio[1]:F3}, sawtooth {ratio[2]:F3}");
    }

    private static (int X, int Y) BrightestPatch(ReadOnlySpan<float> clip, int frame)
    {
        const int size = MovingSquareClips.SquareSize, width = MovingSquareClips.Width, height = MovingSquareClips.Height;
        int offset = frame * height * width;
        (int, int) best = (0, 0);
        float bestSum = float.NegativeInfinity;
        for (int y = 0; y <= height - size; y++)
        {
            for (int x = 0; x <= width - size; x++)
            {
                float sum = 0;
                for (int dy = 0; dy < size; dy++)
                    for (int dx = 0; dx < size; dx++)
                        sum += clip[offset + (y + dy) * width + x + dx];
                if (sum > bestSum) (bestSum, best) = (sum, (x, y));
            }
        }
        return best;
    }
}
