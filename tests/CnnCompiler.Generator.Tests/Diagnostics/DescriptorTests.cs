using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CnnCompiler.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>The descriptor table itself: numbering, release tracking, help links, and a test for every ID.</summary>
public sealed partial class DescriptorTests
{
    [Fact]
    public void Ids_are_numbered_from_CNN0001_without_gaps()
    {
        string[] expected = [.. Enumerable.Range(1, Descriptors.All.Length).Select(i => $"CNN{i:0000}")];
        Assert.Equal(expected, Descriptors.All.Select(d => d.Id));
        Assert.All(Descriptors.All, d => Assert.Same(d, Descriptors.ById(d.Id)));
        Assert.Throws<ArgumentException>(() => Descriptors.ById("CNN9999"));
    }

    [Fact]
    public void Every_descriptor_has_a_title_a_category_a_help_link_and_is_enabled()
    {
        Assert.All(Descriptors.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
            Assert.StartsWith("CnnCompiler.", d.Category, StringComparison.Ordinal);
            Assert.True(d.IsEnabledByDefault);
            Assert.Equal("https://github.com/cnncompiler/cnncompiler/blob/main/docs/diagnostics.md#" + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            DiagnosticSeverity expected = d.Id switch
            {
                "CNN0008" => DiagnosticSeverity.Warning,
                "CNN0028" => DiagnosticSeverity.Info,
                _ => DiagnosticSeverity.Error,
            };
            Assert.Equal(expected, d.DefaultSeverity);
            // Configurable: #pragma, <NoWarn> and .editorconfig apply to every one (an error then simply stays an error).
            Assert.DoesNotContain(WellKnownDiagnosticTags.NotConfigurable, d.CustomTags);
        });
    }

    [Fact]
    public void Every_message_format_takes_its_arguments()
    {
        Assert.All(Descriptors.All, d =>
        {
            string format = d.MessageFormat.ToString();
            int arguments = PlaceholderPattern().Matches(format).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            string[] values = [.. Enumerable.Range(0, arguments).Select(i => $"<{i}>")];
            string message = Diagnostic.Create(d, Location.None, values).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.All(values, v => Assert.Contains(v, message));
        });
    }

    [Fact]
    public void Release_tracking_lists_every_descriptor_with_its_category_and_severity()
    {
        string releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor d in Descriptors.All)
        {
            Assert.Matches($@"(?m)^{d.Id}\s*\|\s*{Regex.Escape(d.Category)}\s*\|\s*{d.DefaultSeverity}\s*\|", releases);
        }
    }

    /// <summary>Every ID is asserted somewhere in this folder's tests with its full message, severity and location.</summary>
    [Fact]
    public void Every_diagnostic_has_a_test()
    {
        string folder = Path.Combine(RepositoryRoot(), "tests", "CnnCompiler.Generator.Tests", "Diagnostics");
        string tests = string.Concat(Directory.GetFiles(folder, "*Tests.cs").Where(f => !f.EndsWith(nameof(DescriptorTests) + ".cs", StringComparison.Ordinal)).Select(File.ReadAllText));
        string[] missing = [.. Descriptors.All.Select(d => d.Id).Where(id => !tests.Contains($"\"{id}\", DiagnosticSeverity.", StringComparison.Ordinal))];
        Assert.Empty(missing);
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
