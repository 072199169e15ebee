using CnnCompiler.CompilerServices;
using static CnnCompiler.Runtime.Tests.Layers.LayerTestData;

namespace CnnCompiler.Runtime.Tests.Layers;

/// <summary>The runtime's inverted dropout: masks addressed by the step seed and the sample's place in the batch.</summary>
public sealed class DropoutTests
{
    private const int Length = 50, Count = 6;

    private readonly struct Quarter : IDropoutShape
    {
        public static int Length => DropoutTests.Length;
        public static float Rate => 0.25f;
    }

    [Fact]
    public void The_masks_do_not_depend_on_how_the_batch_is_split()
    {
        float[] x = Values(Count * Length, 1);
        float[] whole = new float[Count * Length], wholeMask = new float[Count * Length];
        Dropout<Quarter>.Forward(x, whole, wholeMask, Training(seed: 99, sampleOffset: 0), Count);

        // Samples 0–1 on one worker, 2–5 on another, as a two-thread training step splits them.
        float[] split = new float[Count * Length], splitMask = new float[Count * Length];
        Dropout<Quarter>.Forward(x.AsSpan(0, 2 * Length), split.AsSpan(0, 2 * Length), splitMask.AsSpan(0, 2 * Length), Training(99, 0), 2);
        Dropout<Quarter>.Forward(x.AsSpan(2 * Length), split.AsSpan(2 * Length), splitMask.AsSpan(2 * Length), Training(99, 2), 4);

        Assert.Equal(Bits(wholeMask), Bits(splitMask));
        Assert.Equal(Bits(whole), Bits(split));

        // Another step's seed draws another mask.
        float[] otherMask = new float[Count * Length];
        Dropout<Quarter>.Forward(x, new float[Count * Length], otherMask, Training(100, 0), Count);
        Assert.NotEqual(Bits(wholeMask), Bits(otherMask));
    }

    [Fact]
    public void Kept_values_are_scaled_by_the_inverse_keep_rate_and_the_gradient_takes_the_same_mask()
    {
        float[] x = Values(Count * Length, 2), y = new float[Count * Length], mask = new float[Count * Length];
        Dropout<Quarter>.Forward(x, y, mask, Training(7, 0), Count);
        Assert.All(mask, m => Assert.True(m == 0f || m == 1f / 0.75f, $"mask value {m}"));
        int dropped = mask.Count(m => m == 0f);
        Assert.InRange(dropped, Count * Length / 8, Count * Length * 3 / 8); // about a quarter of 300
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i] * mask[i], y[i]);

        float[] dy = Values(Count * Length, 3), dx = new float[Count * Length];
        Dropout<Quarter>.Backward(dy, dx, mask, Count);
        for (int i = 0; i < dy.Length; i++) Assert.Equal(dy[i] * mask[i], dx[i]);
    }

    [Fact]
    public void Inference_copies_the_input()
    {
        float[] x = Values(Count * Length, 4), y = new float[Count * Length], mask = new float[Count * Length];
        Dropout<Quarter>.Forward(x, y, mask, new TestWorkspace(training: false, []), Count);
        Assert.Equal(Bits(x), Bits(y));
        Assert.All(mask, m => Assert.Equal(0f, m)); // untouched
    }

    private static TestWorkspace Training(ulong seed, int sampleOffset) => new(training: true, []) { StepSeed = seed, SampleOffset = sampleOffset };
}
