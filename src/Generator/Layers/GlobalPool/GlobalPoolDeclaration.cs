using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[GlobalAveragePool], [GlobalMaxPool]: C×… → C, any spatial rank.</summary>
internal sealed class GlobalPoolDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.GlobalAvgPool, LayerKind.GlobalMaxPool];

    public IReadOnlyList<string> AttributeNames { get; } = ["GlobalAveragePool", "GlobalMaxPool"];

    public LayerDecl? Parse(LayerReading reading) =>
        reading.Simple(reading.KindName == "GlobalMaxPool" ? LayerKind.GlobalMaxPool : LayerKind.GlobalAvgPool);

    public string NamePrefix(LayerDecl layer) => layer.Kind == LayerKind.GlobalMaxPool ? "gmp" : "gap";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => SinglePlan.Add(context, builder, name, Plan);

    private static LayerPlan? Plan(LayerContext context)
    {
        Shape shape = context.Input;
        if (shape.SpatialRank == 0)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.SpatialRankMismatch, context.Location, context.Label, "1 to 3 spatial axes", shape, 0, ""));
            return null;
        }
        return SinglePlan.Plain(context, Shape.Of(shape.Channels));
    }

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => [];
}
