using System.Collections.Generic;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace CnnCompiler.Generator.Analysis;

/// <summary>
/// Checks of the build rather than the declaration: a language version older than the generated code needs, and a
/// build without optimization, where the generated loops run several times slower.
/// </summary>
internal static class BuildChecks
{
    /// <summary>
    /// The oldest C# the generated code compiles with: it uses collection expressions and primary constructors (C# 12),
    /// as the default of every SDK since .NET 8 allows. LanguageVersionTests compiles every kind of layer with it.
    /// </summary>
    public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp12;

    /// <summary>An error when the project's C# is too old for the generated code (the network is then not generated).</summary>
    public static void CheckLanguageVersion(NetworkDecl network, DeclLocations locations, BuildSettings settings, List<DiagnosticInfo> diagnostics)
    {
        if (settings.LanguageVersion >= MinimumLanguageVersion) return;
        diagnostics.Add(DiagnosticInfo.Create(Descriptors.LanguageVersionTooOld, locations.Network ?? locations.Class, network.Type.Name,
            Display(settings.LanguageVersion), Display(MinimumLanguageVersion)));
    }

    /// <summary>"11" for C# 11, "7.3" for C# 7.3: as LangVersion takes it (the enum holds major × 100 + minor).</summary>
    private static string Display(LanguageVersion version)
    {
        int value = (int)version;
        return value % 100 == 0 ? (value / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) : version.ToDisplayString();
    }

    /// <summary>
    /// Information, once per generated network, when the build is not optimized. Once per network rather than once per
    /// compilation: it then stands on [Network], where the IDE shows it beside the declaration and a #pragma or
    /// .editorconfig can silence it there, and a project rarely declares more than a few networks.
    /// </summary>
    public static void CheckOptimization(NetworkDecl network, DeclLocations locations, BuildSettings settings, List<DiagnosticInfo> diagnostics)
    {
        if (settings.Optimized) return;
        diagnostics.Add(DiagnosticInfo.Create(Descriptors.CompiledWithoutOptimization, locations.Network ?? locations.Class, network.Type.Name));
    }
}
