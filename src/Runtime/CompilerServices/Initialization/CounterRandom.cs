using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Random numbers addressed by a counter instead of drawn in sequence: the value for (seed, sample, element) is the
/// same whichever thread computes it and in whatever order, so dropout masks do not depend on how a batch is split.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CounterRandom
{
    /// <summary>Uniform in [0, 1) for the given seed, sample index and element index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Uniform(ulong seed, long sample, int element)
    {
        ulong z = seed + (ulong)sample * 0x9E3779B97F4A7C15UL + (ulong)element * 0xD1B54A32D192ED03UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 40) * (1.0f / (1 << 24));
    }
}
