using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CnnCompiler.Generator;

/// <summary>
/// The CnnCompiler source generator. Pipeline: [Network] classes → plain-data declarations (parse) → shape inference
/// and diagnostics (analyze) → C# (emit). Diagnostics and source are separate outputs: the source depends only on the
/// location-free plan, so an edit that moves code without changing a network re-emits nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names for the incremental-pipeline tests.</summary>
    public const string ParseStep = "Parse", SettingsStep = "Settings", AnalyzeStep = "Analyze", PlanStep = "Plan";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The build's settings as plain values: every edit makes a new compilation, but the same options select equal
        // settings, so the combination below stays cached and no analysis re-runs for them.
        IncrementalValueProvider<BuildSettings> settings = context.ParseOptionsProvider
            .Select(static (options, _) => (options as CSharpParseOptions)?.LanguageVersion ?? LanguageVersion.Latest)
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.Options.OptimizationLevel == OptimizationLevel.Release))
            .Select(static (pair, _) => new BuildSettings(pair.Left, pair.Right))
            .WithTrackingName(SettingsStep);

        IncrementalValuesProvider<AnalysisResult> analyzed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (ctx, ct) => NetworkParser.Parse(ctx, ct))
            .WithTrackingName(ParseStep)
            .Combine(settings)
            .Select(static (pair, _) => ShapeInference.Analyze(pair.Left, pair.Right))
            .WithTrackingName(AnalyzeStep);

        // Diagnostics are mapped back to the compilation's syntax trees only here, at reporting time, so that #pragma
        // suppressions apply; the pipeline before this point holds plain data and the source output never sees this step.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = analyzed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static list => list.Count > 0);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            Dictionary<string, SyntaxTree> trees = LocationInfo.TreesByPath(pair.Right);
            foreach (DiagnosticInfo info in pair.Left)
            {
                spc.ReportDiagnostic(Diagnostic.Create(Descriptors.ById(info.Id), info.Location?.ToLocation(trees), [.. info.Arguments]));
            }
        });

        IncrementalValuesProvider<NetworkPlan> plans = analyzed
            .Select(static (result, _) => result.Plan)
            .Where(static plan => plan is not null)
            .Select(static (plan, _) => plan!)
            .WithTrackingName(PlanStep);

        context.RegisterSourceOutput(plans, static (spc, plan) =>
            spc.AddSource(plan.Type.HintName + ".g.cs", SourceText.From(NetworkEmitter.Emit(plan), System.Text.Encoding.UTF8)));
    }
}
