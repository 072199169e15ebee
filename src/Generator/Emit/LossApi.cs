using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// What the loss decides in the generated API: the target type (class labels or float targets), the interface, how
/// Predict turns raw outputs into results, and the loss kernels' calls.
/// </summary>
internal sealed record LossApi(LossKind Kind)
{
    public bool IsClassifier => Kind == LossKind.SoftmaxCrossEntropy;

    public string Interface => IsClassifier ? "IClassifier" : "IRegressor";

    public string TargetType => IsClassifier ? "int" : "float";

    public string Targets => IsClassifier ? "labels" : "targets";

    /// <summary>Targets per sample: one label, or one target per output.</summary>
    public string TargetsPerSample => IsClassifier ? "1" : "OutputLength";

    /// <summary>The divisor of the summed loss that makes it PyTorch's mean: samples, or every output element.</summary>
    public string MeanDivisor(string count) => IsClassifier ? count : $"({count} * OutputLength)";

    public string PredictDescription => Kind switch
    {
        LossKind.SoftmaxCrossEntropy => "class probabilities (softmax)",
        LossKind.BinaryCrossEntropy => "independent probabilities (sigmoid of each output)",
        _ => "raw outputs",
    };

    /// <summary>The statement that turns raw outputs into Predict's results.</summary>
    public string PredictTransform(string outputs, string results) => Kind switch
    {
        LossKind.SoftmaxCrossEntropy => $"SoftmaxCrossEntropyKernels.Forward({outputs}, default, {results}, OutputLength);",
        LossKind.BinaryCrossEntropy => $"TensorPrimitives.Sigmoid({outputs}, {results});",
        _ => $"{outputs}.CopyTo({results});",
    };

    /// <summary>The expression summing the loss over the given samples (also filling probabilities where the loss has them).</summary>
    public string Forward(string outputs, string targets, string probabilities) => Kind switch
    {
        LossKind.SoftmaxCrossEntropy => $"SoftmaxCrossEntropyKernels.Forward({outputs}, {targets}, {probabilities}, OutputLength)",
        LossKind.BinaryCrossEntropy => $"BinaryCrossEntropyKernels.Forward({outputs}, {targets}, {probabilities})",
        _ => $"MeanSquaredErrorKernels.Forward({outputs}, {targets})",
    };

    /// <summary>The statement writing the loss gradient with respect to the raw outputs.</summary>
    public string Backward(string outputs, string targets, string probabilities, string gradient, string scale) => Kind switch
    {
        LossKind.SoftmaxCrossEntropy => $"SoftmaxCrossEntropyKernels.Backward({probabilities}, {targets}, {gradient}, OutputLength, {scale});",
        LossKind.BinaryCrossEntropy => $"BinaryCrossEntropyKernels.Backward({probabilities}, {targets}, {gradient}, {scale});",
        _ => $"MeanSquaredErrorKernels.Backward({outputs}, {targets}, {gradient}, {scale});",
    };
}
