namespace CnnCompiler.Generator.Model;

/// <summary>The user's class as the emitter needs it: where to put the generated partial and what to call it.</summary>
/// <param name="Namespace">The containing namespace as source spells it (keywords escaped), or empty for the global namespace.</param>
/// <param name="Name">The class name, unescaped: for messages and summaries.</param>
/// <param name="Modifiers">The accessibility keywords to repeat on the generated partial (for example "public").</param>
/// <param name="HintName">A unique file name for the generated source (no '@': hint names allow none).</param>
internal sealed record TypeDecl(string Namespace, string Name, string Modifiers, string HintName)
{
    /// <summary>The class name where code names the type (declaration, constructor, parameters): escaped when a keyword, as <c>@string</c>.</summary>
    public string Identifier => Identifiers.Escape(Name);
}
