using System.Runtime.InteropServices;

namespace CnnCompiler.Training.Tests.Support;

/// <summary>Bitwise comparison of float spans: the bit patterns, so that −0 ≠ +0 and NaN payloads count.</summary>
internal static class Bits
{
    public static int[] Of(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();

    public static void Equal(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual) => Assert.Equal(Of(expected), Of(actual));

    /// <summary>Parameters and state of two networks, bit for bit.</summary>
    public static void EqualWeights(INetwork expected, INetwork actual)
    {
        Equal(expected.Parameters, actual.Parameters);
        Equal(expected.State, actual.State);
    }

    /// <summary>A copy of a network's parameters and state, to check later that nothing changed.</summary>
    public static (float[] Parameters, float[] State) Snapshot(INetwork network) => (network.Parameters.ToArray(), network.State.ToArray());

    public static void Unchanged((float[] Parameters, float[] State) snapshot, INetwork network)
    {
        Equal(snapshot.Parameters, network.Parameters);
        Equal(snapshot.State, network.State);
    }
}
