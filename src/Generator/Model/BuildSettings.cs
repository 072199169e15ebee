using Microsoft.CodeAnalysis.CSharp;

namespace CnnCompiler.Generator.Model;

/// <summary>
/// What the generator needs to know about the build, not the declaration: plain values taken from the parse and
/// compilation options at the top of the pipeline, so that an edit (a new compilation, same options) compares equal and
/// leaves every analysis cached.
/// </summary>
/// <param name="LanguageVersion">The project's effective C# version ('latest' and 'default' already resolved).</param>
/// <param name="Optimized">Whether the project is compiled with optimization (a Release build).</param>
internal sealed record BuildSettings(LanguageVersion LanguageVersion, bool Optimized)
{
    /// <summary>The settings of a Release build in the newest language: what nothing is reported about.</summary>
    public static BuildSettings Default { get; } = new(LanguageVersion.Latest, true);
}
