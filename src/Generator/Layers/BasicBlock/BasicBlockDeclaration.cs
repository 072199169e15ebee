using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[BasicBlock(filters, Stride = s)]: ResNet's basic block, expanded into convolutions, BatchNorms, ReLUs and an add.</summary>
internal sealed class BasicBlockDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.BasicBlock];

    public IReadOnlyList<string> AttributeNames { get; } = ["BasicBlock"];

    public LayerDecl? Parse(LayerReading reading)
    {
        int filters = reading.Positive("filters", "filters");
        int stride = reading.Int("Stride", 1);
        if (stride < 1) reading.Report(Descriptors.NonPositiveArgument, "Stride", "stride", stride);
        return reading.Failed ? null : reading.Simple(LayerKind.BasicBlock, filters) with { Stride = EquatableArray.From(stride) };
    }

    public string NamePrefix(LayerDecl layer) => "block";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => CompositeLayers.BasicBlock(context, builder, name);

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    /// <summary>None: a block is its parts' plans, each with its own settings.</summary>
    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => [];
}
