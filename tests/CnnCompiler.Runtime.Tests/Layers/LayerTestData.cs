using CnnCompiler.CompilerServices;

namespace CnnCompiler.Runtime.Tests.Layers;

/// <summary>A workspace with only what every network's has (mode, worker, sync group, dropout seed, state).</summary>
internal sealed class TestWorkspace(bool training, float[] state) : Workspace(capacity: 8, training, state, layers: 1, outputLength: 1);

internal static class LayerTestData
{
    /// <summary>Seeded values in [−2, 2), with exact zeros and signed zeros mixed in (ReLU masks and ties see them).</summary>
    public static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(i => i % 11 == 5 ? (i % 2 == 0 ? 0f : -0f) : (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    public static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
