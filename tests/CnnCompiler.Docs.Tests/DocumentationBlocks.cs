using System.Text.RegularExpressions;

namespace CnnCompiler.Docs.Tests;

/// <summary>What a ```csharp block of the documentation is.</summary>
public enum BlockKind
{
    /// <summary>
    /// A whole Program.cs of a console project (`dotnet new console`: implicit usings, nullable on) that references the
    /// CnnCompiler packages: it must compile on its own, with the generator, without an error or a warning. Every
    /// ```csharp block is one unless marked otherwise.
    /// </summary>
    Program,

    /// <summary>
    /// Part of a program (statements that use variables defined elsewhere) or of the generated code: marked with the
    /// word <c>excerpt</c> after the language (<c>```csharp excerpt</c>; renderers show only the language), or, for every
    /// block of a page, by the comment <see cref="DocumentationBlocks.PageOfExcerpts"/> on the page.
    /// </summary>
    Excerpt,
}

/// <summary>A fenced ```csharp block: where it is, what it is, and its text.</summary>
public sealed record CodeBlock(string File, int Line, BlockKind Kind, string Code)
{
    /// <summary>For test names: the file and the line of the opening fence.</summary>
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>The ```csharp blocks of README.md and docs/*.md.</summary>
public static partial class DocumentationBlocks
{
    /// <summary>The start of an HTML comment that marks every ```csharp block of its page as an excerpt.</summary>
    public const string PageOfExcerpts = "<!-- docs-test: every csharp block on this page is an excerpt";

    /// <summary>A CommonMark fence: up to three spaces, three or more backticks, an info string.</summary>
    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,})(?<info>[^`]*)$")]
    private static partial Regex Fence();

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>README.md and every docs/*.md, relative to the repository root.</summary>
    public static IReadOnlyList<string> Pages { get; } =
        ["README.md", .. Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md").Select(p => "docs/" + Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<CodeBlock> All { get; } = [.. Pages.SelectMany(Read)];

    public static IEnumerable<CodeBlock> Read(string page)
    {
        string[] lines = File.ReadAllText(Path.Combine(RepositoryRoot, page)).ReplaceLineEndings("\n").Split('\n');
        bool wholePageExcerpts = lines.Any(l => l.TrimStart().StartsWith(PageOfExcerpts, StringComparison.Ordinal));
        for (int i = 0; i < lines.Length; i++)
        {
            Match open = Fence().Match(lines[i]);
            if (!open.Success) continue;
            string[] info = open.Groups["info"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int end = i + 1;
            while (end < lines.Length && !(Fence().Match(lines[end]) is { Success: true } close
                && close.Groups["fence"].Length >= open.Groups["fence"].Length && close.Groups["info"].Value.Trim().Length == 0))
            {
                end++;
            }
            if (end == lines.Length) throw new InvalidDataException($"{page}:{i + 1}: a code block that never ends");
            if (info.Length > 0 && info[0] is "csharp" or "cs" or "c#")
            {
                bool excerpt = wholePageExcerpts || info.Skip(1).Contains("excerpt");
                yield return new CodeBlock(page, i + 1, excerpt ? BlockKind.Excerpt : BlockKind.Program, string.Join('\n', lines[(i + 1)..end]) + "\n");
            }
            i = end;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CnnCompiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No CnnCompiler.sln above {AppContext.BaseDirectory}.");
    }
}
