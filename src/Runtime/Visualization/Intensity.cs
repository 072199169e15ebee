namespace CnnCompiler;

/// <summary>Maps float values to 8-bit gray levels.</summary>
internal static class Intensity
{
    /// <summary>
    /// Maps <paramref name="values"/> linearly so that their minimum becomes 0 and their maximum 255, rounded to the
    /// nearest level. Non-finite values are left out of the minimum and maximum and drawn as 0. When no two finite
    /// values differ, every value is drawn as <paramref name="constant"/>.
    /// </summary>
    public static void Normalize(ReadOnlySpan<float> values, Span<byte> levels, byte constant)
    {
        if (levels.Length != values.Length) throw new ArgumentException("One level per value.", nameof(levels));
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (!(max > min))
        {
            levels.Fill(constant);
            return;
        }
        double range = (double)max - min;
        for (int i = 0; i < values.Length; i++)
        {
            levels[i] = float.IsFinite(values[i]) ? (byte)Math.Round((values[i] - (double)min) * 255.0 / range) : (byte)0;
        }
    }
}
