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

    /// <summary>What each loss means for the generated API: the runtime loss struct, the targets, what Predict returns.</summary>
    private static readonly Dictionary<LossKind, LossInfo> Infos = new()
    {
        [LossKind.SoftmaxCrossEntropy] = new("SoftmaxCrossEntropyLoss", IsClassifier: true, "class probabilities (softmax)", "Softmax"),
        [LossKind.MeanSquaredError] = new("MeanSquaredErrorLoss", IsClassifier: false, "raw outputs", "Identity"),
        [LossKind.BinaryCrossEntropy] = new("BinaryCrossEntropyLoss", IsClassifier: false, "independent probabilities (sigmoid of each output)", "Sigmoid"),
    };

    /// <summary>What <paramref name="loss"/> means for the generated API.</summary>
    public static LossInfo Info(LossKind loss) => Infos[loss];

    public LayerDecl? Parse(LayerReading reading) => reading.Simple(Losses[reading.KindName].Kind);

    public string NamePrefix(LayerDecl layer) => "loss";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => true;

    /// <summary>The network's loss for a loss layer's kind.</summary>
    public static LossKind LossOf(LayerDecl loss) => Losses[loss.AttributeName].Loss;

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => [];
}

/// <summary>A loss as the generated API uses it.</summary>
/// <param name="RuntimeStruct">The runtime's loss struct in CnnCompiler.CompilerServices.</param>
/// <param name="IsClassifier">Class labels (<c>int</c>, IClassifier) rather than float targets (IRegressor).</param>
/// <param name="PredictDescription">What Predict returns.</param>
/// <param name="OutputFunction">What Predict applies to the raw outputs: the runtime's OutputFunction member.</param>
internal sealed record LossInfo(string RuntimeStruct, bool IsClassifier, string PredictDescription, string OutputFunction);
