using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[Add("source")]: a residual connection, the source optionally projected (Projection = true).</summary>
internal sealed class AddDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Add];

    public IReadOnlyList<string> AttributeNames { get; } = ["Add"];

    public LayerDecl? Parse(LayerReading reading)
    {
        string source = reading.Text("source") ?? "";
        if (source.Length == 0) reading.Report(Descriptors.NonConstantArgument, "source", "source", "the name of an earlier layer");
        return reading.Failed ? null : reading.Simple(LayerKind.Add) with { Source = source, Projection = reading.Bool("Projection", false) };
    }

    public string NamePrefix(LayerDecl layer) => "add";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => CompositeLayers.Residual(context, builder, context.NetworkInput!, name);

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    /// <summary>Nothing but its two inputs (LayerInfo.Inputs).</summary>
    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => [];
}
