namespace CnnCompiler;

/// <summary>
/// torchvision's <c>Compose</c>: applies its transforms one after the other to the whole batch, each drawing from
/// the same <see cref="SeededRandom"/>.
/// </summary>
public sealed class Compose : IAugmentation
{
    private readonly IAugmentation[] _transforms;

    public Compose(params IAugmentation[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        for (int i = 0; i < transforms.Length; i++)
        {
            if (transforms[i] is null) throw new ArgumentNullException(nameof(transforms), $"Transform {i} of {transforms.Length} is null.");
        }
        _transforms = (IAugmentation[])transforms.Clone();
    }

    /// <summary>The transforms, in the order they run.</summary>
    public IReadOnlyList<IAugmentation> Transforms => _transforms;

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        foreach (IAugmentation transform in _transforms) transform.Apply(batch, sampleShape, count, random);
    }
}
