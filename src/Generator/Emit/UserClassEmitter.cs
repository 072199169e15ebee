using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The part of the network class the user sees: constants, the static tables, the constructor and one forwarding
/// member per public operation. Everything it names is <c>global::</c>-qualified and it adds a single private field,
/// so that it compiles beside any type, namespace or member the user declares. The work happens in the runtime's
/// <c>Network</c>, specialized for this network through its file-local definition.
/// </summary>
internal static class UserClassEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var loss = new LossApi(network.Loss);
        string name = network.Type.Name;
        string targets = $"{RuntimeNames.ReadOnlySpan}<{loss.TargetType}> {loss.Targets}";
        string inputs = $"{RuntimeNames.ReadOnlySpan}<float> inputs";
        string definition = RuntimeNames.DefinitionReference;
        string compiled = $"{definition}.Network({RuntimeNames.NetworkField})";

        w.Line($"/// <summary>Floats in one input sample ({network.Input}, channels first).</summary>");
        w.Line($"public const int InputLength = {Format.Int(network.Input.Length)};");
        w.Line($"/// <summary>Floats in one output sample: {loss.PredictDescription}.</summary>");
        w.Line($"public const int OutputLength = {Format.Int(network.Output.Length)};");
        w.Line("/// <summary>Trainable parameters, all layers in one buffer.</summary>");
        w.Line($"public const int ParameterCount = {Format.Int(network.ParameterCount)};");
        w.Line("/// <summary>Non-trainable state values (BatchNorm running statistics), all layers in one buffer.</summary>");
        w.Line($"public const int StateCount = {Format.Int(network.StateCount)};");
        w.Line();
        w.Line("/// <summary>The input shape of one sample, channels first.</summary>");
        w.Line($"public static {RuntimeNames.ReadOnlySpan}<int> InputShape => {definition}.InputShape;");
        w.Line("/// <summary>Every layer in execution order, with its output shape, parameters and FLOPs.</summary>");
        w.Line($"public static {RuntimeNames.ReadOnlyList}<{RuntimeNames.LayerInfo}> LayerList => {definition}.LayerList;");
        w.Line("/// <summary>Every named tensor (parameters, then state per layer) with PyTorch's state_dict name and shape.</summary>");
        w.Line($"public static {RuntimeNames.ReadOnlyList}<{RuntimeNames.TensorInfo}> Tensors => {definition}.Tensors;");
        w.Line("/// <summary>A Keras-style table of the layers with output shapes, parameter counts and FLOPs.</summary>");
        w.Line($"public static string Summary() => {definition}.Summary;");
        w.Line();
        w.Line($"private readonly {RuntimeNames.CompiledNetwork} {RuntimeNames.NetworkField};");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Creates the network with seeded initial weights: He normal before ReLU, Glorot uniform otherwise, zero biases,");
        w.Line("/// BatchNorm γ = 1, β = 0, running variance 1. The same generator then draws the dropout masks of training steps.");
        w.Line("/// </summary>");
        using (w.Block($"public {network.Type.Identifier}(int seed = 0)"))
        {
            w.Line($"{RuntimeNames.NetworkField} = new {loss.NetworkType}(seed);");
        }
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public {RuntimeNames.Span}<float> Parameters => {compiled}.Parameters;");
        w.Line("/// <inheritdoc/>");
        w.Line($"public {RuntimeNames.ReadOnlySpan}<float> Gradients => {compiled}.Gradients;");
        w.Line("/// <inheritdoc/>");
        w.Line($"public {RuntimeNames.Span}<float> State => {compiled}.State;");
        w.Line("/// <inheritdoc/>");
        w.Line($"public {RuntimeNames.SeededRandom} TrainingRandom => {compiled}.TrainingRandom;");
        w.Line("/// <inheritdoc/>");
        w.Line($"public int Threads {{ get => {compiled}.Threads; set => {compiled}.Threads = value; }}");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public void Predict({inputs}, {RuntimeNames.Span}<float> outputs) => {compiled}.Predict(inputs, outputs);");
        w.Line("/// <inheritdoc/>");
        w.Line($"public void PredictLogits({inputs}, {RuntimeNames.Span}<float> logits) => {compiled}.PredictLogits(inputs, logits);");
        if (loss.IsClassifier)
        {
            w.Line("/// <inheritdoc/>");
            w.Line($"public int Classify({RuntimeNames.ReadOnlySpan}<float> input) => {compiled}.Classify(input);");
            w.Line("/// <inheritdoc/>");
            w.Line($"public void Classify({inputs}, {RuntimeNames.Span}<int> labels) => {compiled}.Classify(inputs, labels);");
        }
        w.Line("/// <inheritdoc/>");
        w.Line($"public float ComputeLoss({inputs}, {targets}) => {compiled}.ComputeLoss(inputs, {loss.Targets});");
        w.Line("/// <inheritdoc/>");
        w.Line($"public float ComputeGradients({inputs}, {targets}) => {compiled}.ComputeGradients(inputs, {loss.Targets}, default, default);");
        w.Line("/// <inheritdoc/>");
        w.Line($"public float ComputeGradients({inputs}, {targets}, {RuntimeNames.Span}<float> inputGradients) => {compiled}.ComputeGradients(inputs, {loss.Targets}, inputGradients, default);");
        w.Line("/// <inheritdoc/>");
        w.Line($"public float ComputeGradients({inputs}, {targets}, {RuntimeNames.Span}<float> inputGradients, {RuntimeNames.Span}<float> logits) => {compiled}.ComputeGradients(inputs, {loss.Targets}, inputGradients, logits);");
        w.Line("/// <inheritdoc/>");
        w.Line($"public float TrainStep({inputs}, {targets}, {RuntimeNames.Optimizer} optimizer) => {compiled}.TrainStep(inputs, {loss.Targets}, optimizer);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public void ComputeActivations(string layer, {RuntimeNames.ReadOnlySpan}<float> input, {RuntimeNames.Span}<float> activations) => {compiled}.ComputeActivations(layer, input, activations);");
        w.Line("/// <inheritdoc/>");
        w.Line($"public void SetFrozen(string layer, bool frozen = true) => {compiled}.SetFrozen(layer, frozen);");
        w.Line("/// <inheritdoc/>");
        w.Line($"public bool IsFrozen(string layer) => {compiled}.IsFrozen(layer);");
        w.Line("/// <summary>");
        w.Line("/// Times every layer: one untimed gradient computation, then <paramref name=\"repeats\"/> timed ones in training mode on");
        w.Line("/// <paramref name=\"threads\"/> workers (more than one: the first worker's share is timed). Returns each layer's mean forward");
        w.Line("/// and backward time. Overwrites <see cref=\"Gradients\"/>; parameters, BatchNorm statistics and the dropout generator stay as they were.");
        w.Line("/// </summary>");
        w.Line($"public {RuntimeNames.LayerTiming}[] ProfileLayers({inputs}, {targets}, int repeats = 10, int threads = 1) => {compiled}.ProfileLayers(inputs, {loss.Targets}, repeats, threads);");
        w.Line();
        string api = RuntimeNames.NetworkInterface;
        w.Line($"int {api}.InputLength => InputLength;");
        w.Line($"int {api}.OutputLength => OutputLength;");
        w.Line($"int {api}.ParameterCount => ParameterCount;");
        w.Line($"int {api}.StateCount => StateCount;");
        w.Line($"{RuntimeNames.ReadOnlySpan}<int> {api}.InputShape => InputShape;");
        w.Line($"{RuntimeNames.ReadOnlyList}<{RuntimeNames.LayerInfo}> {api}.LayerList => LayerList;");
        w.Line($"{RuntimeNames.ReadOnlyList}<{RuntimeNames.TensorInfo}> {api}.Tensors => Tensors;");
        w.Line($"string {api}.Summary() => Summary();");
        w.Line($"{RuntimeNames.OutputFunction} {api}.OutputFunction => {loss.OutputFunction};");
    }
}
