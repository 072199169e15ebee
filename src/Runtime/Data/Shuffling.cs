namespace CnnCompiler;

/// <summary>The one shuffle used for splits and mini-batches, so a seed means the same order everywhere.</summary>
internal static class Shuffling
{
    /// <summary>Fills <paramref name="indices"/> with 0, 1, …, n − 1.</summary>
    public static void FillIdentity(Span<int> indices)
    {
        for (int i = 0; i < indices.Length; i++) indices[i] = i;
    }

    /// <summary>Fisher–Yates: every permutation equally likely, driven only by <paramref name="random"/>.</summary>
    public static void Shuffle(Span<int> items, SeededRandom random)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
