namespace CnnCompiler;

/// <summary>
/// torchvision's <c>Compose</c>: applies its transforms one after the other to the whole batch, each drawing from
/// the same <see cref="SeededRandom"/>. When a transform refuses the batch (a sample shape it does not accept), the batch
/// and the random generator are put back as they were before the first transform ran, so a refused call changes
/// nothing; the copy this takes is kept and reused.
/// </summary>
public sealed class Compose : IAugmentation
{
    private readonly IAugmentation[] _transforms;
    private float[] _backup = [];

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
        ArgumentNullException.ThrowIfNull(random);
        if (_transforms.Length == 1)
        {
            _transforms[0].Apply(batch, sampleShape, count, random); // a single transform checks before it changes anything
            return;
        }
        var state = random.State;
        if (_backup.Length < batch.Length) _backup = new float[batch.Length];
        batch.CopyTo(_backup);
        try
        {
            foreach (IAugmentation transform in _transforms) transform.Apply(batch, sampleShape, count, random);
        }
        catch
        {
            _backup.AsSpan(0, batch.Length).CopyTo(batch);
            random.State = state;
            throw;
        }
    }
}
