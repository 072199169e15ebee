using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// The losses that close a network: [SoftmaxCrossEntropy] over class labels, [MeanSquaredError] and
/// [BinaryCrossEntropy] over float targets. A loss adds no plan: the runtime's loss struct runs it.
/// </summary>
internal sealed class LossDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.SoftmaxCrossEntropy, LayerKind.MeanSquaredError, LayerKind.BinaryCrossEntropy];

    public IReadOnlyList<string> AttributeNames { get; } = ["SoftmaxCrossEntropy", "MeanSquaredError", "BinaryCrossEntropy"];

    /// <summary>The layer kind and the network's loss each attribute declares.</summary>
    private static readonly Dictionary<string, (LayerKind Kind, LossKind Loss)> Losses = new(System.StringComparer.Ordinal)
    {
        ["SoftmaxCrossEntropy"] = (LayerKind.SoftmaxCrossEntropy, LossKind.SoftmaxCrossEntropy),
        ["MeanSquaredError"] = (LayerKind.MeanSquaredError, LossKind.MeanSquaredError),
        ["BinaryCrossEntropy"] = (LayerKind.BinaryCrossEntropy, LossKind.BinaryCrossEntropy),
    };

    public LayerDecl? Parse(LayerReading reading) => reading.Simple(Losses[reading.KindName].Kind);

    public string NamePrefix(LayerDecl layer) => "loss";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => true;

    /// <summary>The network's loss for a loss layer's kind.</summary>
    public static LossKind LossOf(LayerDecl loss) => Losses[loss.AttributeName].Loss;

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];
}
