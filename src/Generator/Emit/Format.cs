using System.Globalization;

namespace CnnCompiler.Generator.Emit;

/// <summary>Number formatting for generated code and its comments (invariant culture, grouped thousands in prose).</summary>
internal static class Format
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>FLOPs in the unit that reads best: 830 → "830 FLOP", 830,000 → "0.83 MFLOP".</summary>
    public static string Flops(long flops) => flops switch
    {
        >= 1_000_000_000 => (flops / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GFLOP",
        >= 10_000 => (flops / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " MFLOP",
        _ => Grouped(flops) + " FLOP",
    };
}
