using Microsoft.CodeAnalysis.CSharp;

namespace CnnCompiler.Generator.Model;

/// <summary>Names as C# source must spell them.</summary>
internal static class Identifiers
{
    /// <summary>
    /// The name escaped with '@' when it is a keyword (<c>@string</c>) or a contextual keyword (<c>@record</c>, which
    /// would otherwise start a record declaration where the generated code names the type). Symbols hold names
    /// unescaped, so code that writes a symbol's name back into source must escape it.
    /// </summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
