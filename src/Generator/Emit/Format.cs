using System.Globalization;

namespace CnnCompiler.Generator.Emit;

/// <summary>Number formatting for generated code and its comments (invariant culture, grouped thousands in prose).</summary>
internal static class Format
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float literal that round-trips: 0.2f → "0.2f".</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>
    /// A double literal of a float's shortest round-trip digits: 1e-5f → "1E-05", the decimal value the user wrote, not
    /// the float's binary approximation widened (which BatchNorm's double arithmetic would carry into its results).
    /// </summary>
    public static string FloatAsDouble(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>FLOPs in the unit that reads best: 830 → "830 FLOP", 830,000 → "0.83 MFLOP".</summary>
    public static string Flops(long flops) => flops switch
    {
        >= 1_000_000_000 => (flops / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GFLOP",
        >= 10_000 => (flops / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " MFLOP",
        _ => Grouped(flops) + " FLOP",
    };
}
