using System.Collections.Immutable;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>
/// Runs the generator over a declaration whose expected diagnostic span is marked with <c>[|…|]</c> (Roslyn's test
/// convention: <c>[[|Conv2D(16, 7)|]]</c> marks the attribute, <c>[Conv2D([|0|], 5)]</c> the argument) and checks one
/// CNN diagnostic exactly: ID, severity, file, span, line span and full message.
/// </summary>
internal static class DiagnosticAssert
{
    private const string Prefix = "using CnnCompiler;\n\nnamespace Tests;\n\n";
    private const string FilePath = "Network0.cs";

    /// <summary>The marked source without its markers, and the marked span.</summary>
    public static (string Source, TextSpan Span) Parse(string marked)
    {
        string text = Prefix + marked;
        int start = text.IndexOf("[|", StringComparison.Ordinal);
        Assert.True(start >= 0, "The test source marks no span with [|…|].");
        text = text.Remove(start, 2);
        int end = text.IndexOf("|]", start, StringComparison.Ordinal);
        Assert.True(end >= 0, "The test source opens [| without closing |].");
        text = text.Remove(end, 2);
        Assert.DoesNotContain("[|", text);
        return (text, TextSpan.FromBounds(start, end));
    }

    /// <summary>
    /// Asserts that the generator reports exactly one diagnostic, the expected one, on the marked span. For an error,
    /// also asserts that no source was generated and that the only other errors are the compiler's
    /// <paramref name="compilerErrors"/> (for example CS0182 on a non-constant argument).
    /// </summary>
    public static Diagnostic Single(string marked, string id, DiagnosticSeverity severity, string expectedText, string message, params string[] compilerErrors)
    {
        (string source, TextSpan span) = Parse(marked);
        return Single(GeneratorHarness.Run(source), source, span, id, severity, expectedText, message, compilerErrors);
    }

    /// <summary><see cref="Single(string, string, DiagnosticSeverity, string, string, string[])"/> on a run of the caller's (another language version, a Debug build).</summary>
    public static Diagnostic Single(GeneratorResult result, string source, TextSpan span, string id, DiagnosticSeverity severity, string expectedText, string message, params string[] compilerErrors)
    {
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(severity, diagnostic.Descriptor.DefaultSeverity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        AssertLocation(diagnostic, source, span, expectedText);
        Assert.Equal($"https://github.com/cnncompiler/cnncompiler/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);

        if (severity == DiagnosticSeverity.Error)
        {
            AssertNoCascade(result, compilerErrors);
        }
        else
        {
            // A warning or information does not stop generation: the network is generated and compiles cleanly.
            Assert.Single(result.Run.Results[0].GeneratedSources);
            Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }
        return diagnostic;
    }

    /// <summary>The diagnostic stands on <paramref name="span"/> of the user's file, and the text there is <paramref name="expectedText"/>.</summary>
    public static void AssertLocation(Diagnostic diagnostic, string source, TextSpan span, string expectedText)
    {
        SourceText text = SourceText.From(source);
        Assert.Equal(expectedText, text.ToString(span));
        FileLinePositionSpan lines = diagnostic.Location.GetLineSpan();
        Assert.Equal(FilePath, lines.Path);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(text.Lines.GetLinePositionSpan(span), lines.Span);
        Assert.Equal(expectedText, text.ToString(diagnostic.Location.SourceSpan));
        // In the user's own syntax tree (not a path-only location): what lets #pragma warning disable CNN… apply.
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal(FilePath, diagnostic.Location.SourceTree!.FilePath);
    }

    /// <summary>An invalid declaration generates nothing, so the compiler reports nothing about generated code.</summary>
    public static void AssertNoCascade(GeneratorResult result, params string[] compilerErrors)
    {
        Assert.Empty(result.Run.Results[0].GeneratedSources);
        Assert.Null(result.Run.Results[0].Exception);
        string[] errors = result.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(compilerErrors.Order(StringComparer.Ordinal).ToArray(), errors);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning));
        Assert.All(result.GeneratorDiagnostics, d => Assert.StartsWith("CNN", d.Id, StringComparison.Ordinal));
    }

    /// <summary>Every CNN diagnostic of a run, for tests that expect several.</summary>
    public static ImmutableArray<Diagnostic> All(GeneratorResult result) =>
        [.. result.GeneratorDiagnostics.Where(d => d.Id.StartsWith("CNN", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start)];
}
