using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>
/// docs/diagnostics.md says its messages "were produced by running the generator on the examples shown": every C#
/// example followed by a message block is run here, and the CNN messages must be exactly the generator's (the
/// compiler's own errors beside them are matched by ID), so the document cannot drift from the generator.
/// </summary>
public sealed partial class DocumentationTests
{
    private const string Prefix = "using System;\nusing CnnCompiler;\n\nnamespace Samples;\n\n";

    public sealed record Example(string Section, int Line, string Code, string[] Expected)
    {
        public override string ToString() => $"{Section} (line {Line})";
    }

    public static TheoryData<Example> Examples => new(Read());

    [Fact]
    public void Every_diagnostic_has_a_documented_example_with_its_message()
    {
        Example[] examples = Read();
        string[] documented = [.. examples.SelectMany(e => e.Expected).Select(line => MessageLine().Match(line)).Where(m => m.Success).Select(m => m.Groups["id"].Value).Distinct()];
        string[] missing = [.. Generator.Diagnostics.Descriptors.All.Select(d => d.Id).Where(id => !documented.Contains(id))];
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Documented_messages_are_what_the_generator_reports(Example example)
    {
        // The sections about the build need the build they describe: an old language version, a Debug build.
        CSharpParseOptions parseOptions = example.Section == "CNN0027" ? new CSharpParseOptions(LanguageVersion.CSharp11) : GeneratorHarness.ParseOptions;
        OptimizationLevel optimization = example.Section == "CNN0028" ? OptimizationLevel.Debug : OptimizationLevel.Release;
        GeneratorResult result = GeneratorHarness.Run(parseOptions, optimization, Prefix + example.Code);

        string Severity(Diagnostic d) => d.Severity.ToString().ToLowerInvariant();
        string[] actual = [.. result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => $"{Severity(d)} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
        string[] expected = [.. example.Expected.Where(line => line.Contains(" CNN", StringComparison.Ordinal))];
        Assert.Equal(expected, actual);

        string[] compilerIds = [.. example.Expected.Select(line => MessageLine().Match(line)).Where(m => m.Success && m.Groups["id"].Value.StartsWith("CS", StringComparison.Ordinal)).Select(m => m.Groups["id"].Value)];
        foreach (string id in compilerIds) Assert.Contains(result.CompilationDiagnostics, d => d.Id == id);
    }

    /// <summary>Each ```csharp block directly followed by a ```text block, with the CNN section it stands in.</summary>
    private static Example[] Read()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        var examples = new List<Example>();
        string section = "";
        (string Language, int Line, string Text)? previous = null;
        for (int i = 0; i < lines.Length; i++)
        {
            Match heading = Heading().Match(lines[i]);
            if (heading.Success)
            {
                section = heading.Groups["id"].Value;
                previous = null;
                continue;
            }
            if (!lines[i].StartsWith("```", StringComparison.Ordinal) || lines[i].Length == 3) continue;
            string language = lines[i].Substring(3).Trim();
            int start = i + 1;
            while (++i < lines.Length && lines[i] != "```") { }
            string text = string.Join("\n", lines[start..i]);
            if (language == "text" && previous is { Language: "csharp" } code && section.Length > 0)
            {
                examples.Add(new Example(section, code.Line, code.Text, text.Split('\n')));
            }
            previous = (language, start, text);
        }
        return [.. examples];
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    [GeneratedRegex(@"^## (?<id>CNN\d{4}):")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(error|warning|info) (?<id>(CNN|CS)\d{4}):")]
    private static partial Regex MessageLine();
}
