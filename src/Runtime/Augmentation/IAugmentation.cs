namespace CnnCompiler;

/// <summary>
/// A data augmentation applied on the fly to a mini-batch, in place.
/// <para>
/// <c>batch</c> holds <c>count</c> samples back to back, each laid out as <c>sampleShape</c> says, channels first as
/// everywhere in CnnCompiler: <c>C×L</c> (1D signals), <c>C×H×W</c> (images) or <c>C×D×H×W</c> (volumes, video). Each
/// transform says which ranks it accepts and throws an <see cref="ArgumentException"/> naming the shape otherwise.
/// </para>
/// <para>
/// Every random choice is drawn from <c>random</c>, sample after sample in batch order, in the order each transform
/// documents; the same seed and batch therefore give the same result. Transforms keep any scratch memory they need
/// and reuse it, so <see cref="Apply"/> allocates nothing once it has seen the largest sample shape. Because of that
/// scratch memory an instance must not be used by two threads at once; build one pipeline per thread instead.
/// </para>
/// <para>Combine transforms with <see cref="Compose"/>; implement this interface for transforms of your own.</para>
/// </summary>
public interface IAugmentation
{
    /// <summary>Transforms the <paramref name="count"/> samples of <paramref name="batch"/> in place.</summary>
    /// <param name="batch"><c>count × product(sampleShape)</c> floats.</param>
    /// <param name="sampleShape">The shape of one sample, channels first.</param>
    /// <param name="count">The number of samples in the batch.</param>
    /// <param name="random">The source of every random choice.</param>
    void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random);
}
