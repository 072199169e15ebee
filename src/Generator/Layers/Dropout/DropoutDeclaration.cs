using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[Dropout(rate)]: inverted dropout in training, nothing at inference.</summary>
internal sealed class DropoutDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Dropout];

    public IReadOnlyList<string> AttributeNames { get; } = ["Dropout"];

    public LayerDecl? Parse(LayerReading reading)
    {
        float rate = reading.Float("rate", 0.5f, value => value >= 0f && value < 1f, "the rate", "at least 0 and below 1");
        return reading.Failed ? null : reading.Simple(LayerKind.Dropout) with { Rate = rate };
    }

    public string NamePrefix(LayerDecl layer) => "dropout";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => SinglePlan.Add(context, builder, name, c => SinglePlan.Plain(c, c.Input));

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => [SettingSpec.Float("rate", layer.Decl.Rate)];
}
