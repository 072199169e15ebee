namespace CnnCompiler;

/// <summary>
/// The range intensity transforms clamp their results to. torchvision clamps float images to [0, 1]
/// (<see cref="Unit"/>, the default); use <see cref="Unbounded"/> for normalized data or signals.
/// </summary>
public readonly record struct ValueRange
{
    public ValueRange(float min, float max)
    {
        if (float.IsNaN(min) || float.IsNaN(max) || min > max)
            throw new ArgumentException($"A value range needs min ≤ max; got [{min}, {max}].", nameof(min));
        Min = min;
        Max = max;
    }

    public float Min { get; }

    public float Max { get; }

    /// <summary>[0, 1], the range of images scaled as torchvision's <c>ToTensor</c> does.</summary>
    public static ValueRange Unit { get; } = new(0f, 1f);

    /// <summary>No clamping.</summary>
    public static ValueRange Unbounded { get; } = new(float.NegativeInfinity, float.PositiveInfinity);

    internal bool IsUnbounded => float.IsNegativeInfinity(Min) && float.IsPositiveInfinity(Max);
}
