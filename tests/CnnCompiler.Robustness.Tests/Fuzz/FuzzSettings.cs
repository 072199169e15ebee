using System.Globalization;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>
/// How many mutants each reader's fuzz test makes. CI runs <see cref="DefaultMutants"/> per reader (all of them together
/// in a few seconds); <c>CNN_FUZZ_MUTANTS=20000 dotnet test tests/CnnCompiler.Robustness.Tests --filter Fuzz</c> runs a
/// larger campaign, and <c>CNN_FUZZ_SEED</c> another seed. The same seed and count give the same mutants.
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultMutants = 400;

    public static int Mutants => Environment.GetEnvironmentVariable("CNN_FUZZ_MUTANTS") is { Length: > 0 } text
        ? int.Parse(text, CultureInfo.InvariantCulture)
        : DefaultMutants;

    public static ulong Seed => Environment.GetEnvironmentVariable("CNN_FUZZ_SEED") is { Length: > 0 } text
        ? ulong.Parse(text, CultureInfo.InvariantCulture)
        : 20261207;

    /// <summary>The longest any one mutant may take to be refused or read (a reader that blocks fails the test).</summary>
    public static readonly TimeSpan MaxPerMutant = TimeSpan.FromSeconds(5);

    /// <summary>The longest a message may be: problems are listed up to 20 and file text is cut to 60 characters.</summary>
    public const int MaxMessageLength = 5_000;
}
