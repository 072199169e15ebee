using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>What the loss decides in the generated API: the target type (class labels or float targets), the interface, and the runtime loss.</summary>
internal sealed record LossApi(LossKind Kind)
{
    public bool IsClassifier => Kind == LossKind.SoftmaxCrossEntropy;

    public string Interface => IsClassifier ? RuntimeNames.Classifier : RuntimeNames.Regressor;

    public string TargetType => IsClassifier ? "int" : "float";

    public string Targets => IsClassifier ? "labels" : "targets";

    /// <summary>The runtime network type this network forwards to.</summary>
    public string NetworkType => $"{RuntimeNames.Network}<{RuntimeNames.DefinitionReference}, {RuntimeNames.Loss(Kind)}, {TargetType}>";

    public string PredictDescription => Kind switch
    {
        LossKind.SoftmaxCrossEntropy => "class probabilities (softmax)",
        LossKind.BinaryCrossEntropy => "independent probabilities (sigmoid of each output)",
        _ => "raw outputs",
    };
}
