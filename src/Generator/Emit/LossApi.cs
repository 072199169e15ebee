using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>What the loss decides in the generated API (its unit's <see cref="LossInfo"/>): the targets, the interface, the runtime loss.</summary>
internal sealed record LossApi(LossKind Kind)
{
    private LossInfo Info => LossDeclaration.Info(Kind);

    public bool IsClassifier => Info.IsClassifier;

    public string Interface => IsClassifier ? RuntimeNames.Classifier : RuntimeNames.Regressor;

    public string TargetType => IsClassifier ? "int" : "float";

    public string Targets => IsClassifier ? "labels" : "targets";

    /// <summary>The runtime loss struct, <c>global::</c>-qualified.</summary>
    public string RuntimeLoss => "global::CnnCompiler.CompilerServices." + Info.RuntimeStruct;

    /// <summary>The runtime network type this network forwards to.</summary>
    public string NetworkType => $"{RuntimeNames.Network}<{RuntimeNames.DefinitionReference}, {RuntimeLoss}, {TargetType}>";

    public string PredictDescription => Info.PredictDescription;

    /// <summary>What Predict applies to the raw outputs, <c>global::</c>-qualified (<c>global::CnnCompiler.OutputFunction.Softmax</c>).</summary>
    public string OutputFunction => RuntimeNames.OutputFunction + "." + Info.OutputFunction;
}
