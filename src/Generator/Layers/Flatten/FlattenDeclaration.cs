using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[Flatten]: C×… → one vector, channel-major as torch.flatten (a view: no copy).</summary>
internal sealed class FlattenDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Flatten];

    public IReadOnlyList<string> AttributeNames { get; } = ["Flatten"];

    public LayerDecl? Parse(LayerReading reading) => reading.Simple(LayerKind.Flatten);

    public string NamePrefix(LayerDecl layer) => "flatten";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) =>
        SinglePlan.Add(context, builder, name, c => SinglePlan.Plain(c, Shape.Of(checked((int)c.Input.Length))));

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => [];
}
