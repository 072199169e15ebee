using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>The public surface of a generated network: constants, parameters, constructor and inference.</summary>
internal static class ApiEmitter
{
    public static void EmitMembers(CodeWriter w, NetworkPlan network)
    {
        string name = network.Type.Name;
        var loss = new LossApi(network.Loss);
        LayerPlan last = network.Layers[network.Layers.Count - 1];
        var chunks = new LayerChunks(network);
        w.Line($"/// <summary>Floats in one input sample ({network.Input}, channels first).</summary>");
        w.Line($"public const int InputLength = {Format.Int(network.Input.Length)};");
        w.Line($"/// <summary>Floats in one output sample: {loss.PredictDescription}.</summary>");
        w.Line($"public const int OutputLength = {Format.Int(network.Output.Length)};");
        w.Line("/// <summary>Trainable parameters, all layers in one buffer.</summary>");
        w.Line($"public const int ParameterCount = {Format.Int(network.ParameterCount)};");
        w.Line("/// <summary>Non-trainable state values (BatchNorm running statistics), all layers in one buffer.</summary>");
        w.Line($"public const int StateCount = {Format.Int(network.StateCount)};");
        w.Line("/// <summary>Samples per inference workspace: larger batches run in chunks of this many.</summary>");
        w.Line("private const int InferenceChunk = 64;");
        w.Line("/// <summary>The class name, to start error messages.</summary>");
        w.Line($"private const string NetworkName = \"{name}\";");
        w.Line();
        w.Line("/// <summary>The input shape of one sample, channels first.</summary>");
        w.Line($"public static ReadOnlySpan<int> InputShape => [{string.Join(", ", network.Input.Dims)}];");
        w.Line();
        w.Line("private readonly float[] _parameters = new float[ParameterCount];");
        w.Line("private readonly float[] _gradients = new float[ParameterCount];");
        w.Line("private readonly float[] _state = new float[StateCount];");
        w.Line("private readonly SeededRandom _random;");
        w.Line("private readonly WorkspacePool<Workspace> _inferenceWorkspaces;");
        w.Line("private Workspace? _trainingWorkspace;");
        w.Line("private int _trainingCalls;");
        w.Line("private int _inferenceCalls;");
        w.Line("private float[]? _stateBeforeStep;");
        FreezingEmitter.EmitFields(w, network);
        ParallelInferenceEmitter.EmitFields(w);
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Creates the network with seeded initial weights: He normal before ReLU, Glorot uniform otherwise, zero biases,");
        w.Line("/// BatchNorm γ = 1, β = 0, running variance 1. The same generator then draws the dropout masks of training steps.");
        w.Line("/// </summary>");
        using (w.Block($"public {network.Type.Identifier}(int seed = 0)"))
        {
            w.Line("var random = new SeededRandom(unchecked((ulong)seed));");
            if (chunks.IsSplit)
            {
                w.Line(LayerChunks.Comment);
                foreach (LayerRange range in InitializedRanges(chunks)) w.Line($"Initialize{range.Suffix}(random);");
            }
            else
            {
                EmitInitialization(w, network.Layers);
            }
            w.Line("_random = random;");
            w.Line("UpdateFirstTrainable();");
            w.Line("_inferenceWorkspaces = new(() => new Workspace(InferenceChunk, training: false, _state));");
        }
        if (chunks.IsSplit)
        {
            foreach (LayerRange range in InitializedRanges(chunks))
            {
                w.Line();
                w.Line($"/// <summary>The initial parameters and state of layers {range.First} to {range.Last} ({NetworkEmitter.Xml(chunks.Names(range))}), drawn from <paramref name=\"random\"/> in layer order.</summary>");
                using (w.Block($"private void Initialize{range.Suffix}(SeededRandom random)"))
                {
                    EmitInitialization(w, chunks.LayersOf(range));
                }
            }
        }
        w.Line();
        w.Line("/// <summary>Every trainable parameter, layer after layer, each tensor in PyTorch's layout (conv: out×in×k…, dense: out×in, then bias).</summary>");
        w.Line("public Span<float> Parameters => _parameters;");
        w.Line();
        w.Line("/// <summary>The gradient of the mean loss from the last ComputeGradients or TrainStep, laid out like <see cref=\"Parameters\"/>.</summary>");
        w.Line("public ReadOnlySpan<float> Gradients => _gradients;");
        w.Line();
        w.Line("/// <summary>Non-trainable state (BatchNorm running statistics), layer after layer; empty when no layer has any.</summary>");
        w.Line("public Span<float> State => _state;");
        w.Line();
        w.Line("/// <summary>The generator behind dropout masks; its <see cref=\"SeededRandom.State\"/> belongs in checkpoints.</summary>");
        w.Line("public SeededRandom TrainingRandom => _random;");
        w.Line();
        TensorTableEmitter.Emit(w, network);
        w.Line();
        InspectionEmitter.Emit(w, network);
        w.Line();
        FreezingEmitter.EmitMembers(w, network);
        w.Line();
        w.Line("/// <summary>A Keras-style table of the layers with output shapes, parameter counts and FLOPs.</summary>");
        w.Line($"public static string Summary() => \"{SummaryTable.Build(network).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\";");
        w.Line();
        w.Line("int INetwork.InputLength => InputLength;");
        w.Line("int INetwork.OutputLength => OutputLength;");
        w.Line("int INetwork.ParameterCount => ParameterCount;");
        w.Line("ReadOnlySpan<int> INetwork.InputShape => InputShape;");
        w.Line();
        EmitInference(w, last, loss);
        w.Line();
        ParallelInferenceEmitter.EmitMembers(w, network, loss);
        w.Line();
        ProfilingEmitter.Emit(w, network, loss);
        w.Line();
        TrainingEmitter.Emit(w, network, last, loss);
        w.Line();
        EmitValidation(w, name, loss);
    }

    /// <summary>Statements that initialize the parameters and state of <paramref name="layers"/>, in order.</summary>
    private static void EmitInitialization(CodeWriter w, IEnumerable<LayerPlan> layers)
    {
        foreach (LayerPlan layer in layers)
        {
            if (HasInitialization(layer)) LayerEmitters.For(layer).EmitInitialization(w, layer);
        }
    }

    private static bool HasInitialization(LayerPlan layer) => layer.ParameterCount > 0 || layer.StateCount > 0;

    /// <summary>The chunks with anything to initialize.</summary>
    private static IEnumerable<LayerRange> InitializedRanges(LayerChunks chunks) =>
        chunks.Ranges.Where(range => chunks.LayersOf(range).Any(HasInitialization));

    private static void EmitInference(CodeWriter w, LayerPlan last, LossApi loss)
    {
        string outputs = $"workspace.{last.Identifier}Output.AsSpan(0, n * OutputLength)";
        w.Line("/// <summary>");
        w.Line($"/// {char.ToUpperInvariant(loss.PredictDescription[0]) + loss.PredictDescription.Substring(1)} for one sample or a batch: <paramref name=\"inputs\"/> holds N samples of");
        w.Line("/// <see cref=\"InputLength\"/> floats (N×C×…, PyTorch's layout) and <paramref name=\"outputs\"/> receives N × <see cref=\"OutputLength\"/>.");
        w.Line("/// Safe to call from many threads at once; allocates nothing in steady state.");
        w.Line("/// </summary>");
        using (w.Block("public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)"))
        {
            w.Line("int count = SampleCount(inputs.Length, nameof(inputs));");
            w.Line("if (outputs.Length != count * OutputLength) RequireLength(outputs.Length, count * OutputLength, nameof(outputs), $\"{count} sample(s) × {OutputLength} outputs\");");
            w.Line("if (TryInferInParallel(inputs, outputs, default, count)) return;");
            EmitChunkedInference(w, loss.PredictTransform(outputs, "outputs.Slice(start * OutputLength, n * OutputLength)"));
        }
        if (loss.IsClassifier)
        {
            w.Line();
            w.Line("/// <summary>The most probable class of one sample.</summary>");
            using (w.Block("public int Classify(ReadOnlySpan<float> input)"))
            {
                w.Line("RequireLength(input.Length, InputLength, nameof(input), \"one sample\");");
                w.Line("FiniteValues.Require(input, InputLength, NetworkName, nameof(input));");
                w.Line("Span<int> label = stackalloc int[1];");
                w.Line("Classify(input, label);");
                w.Line("return label[0];");
            }
            w.Line();
            w.Line("/// <summary>The most probable class of each sample in a batch (one label per sample).</summary>");
            using (w.Block("public void Classify(ReadOnlySpan<float> inputs, Span<int> labels)"))
            {
                w.Line("int count = SampleCount(inputs.Length, nameof(inputs));");
                w.Line("if (labels.Length != count) RequireLength(labels.Length, count, nameof(labels), $\"one label per sample ({count})\");");
                w.Line("if (TryInferInParallel(inputs, default, labels, count)) return;");
                EmitChunkedInference(w, $"ArgMax.Rows({outputs}, labels.Slice(start, n), OutputLength);");
            }
        }
        w.Line();
        w.Line("/// <summary>The mean loss over a batch in inference mode (running statistics, no dropout), without touching the gradients.</summary>");
        using (w.Block($"public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<{loss.TargetType}> {loss.Targets})"))
        {
            w.Line("int count = SampleCount(inputs.Length, nameof(inputs));");
            w.Line($"RequireTargets({loss.Targets}, count);");
            w.Line("double total = 0;");
            string targets = $"{loss.Targets}.Slice(start * {loss.TargetsPerSample}, n * {loss.TargetsPerSample})";
            EmitChunkedInference(w, "total += " + loss.Forward(outputs, targets, "workspace.Probabilities.AsSpan(0, n * OutputLength)") + ";");
            w.Line($"return (float)(total / {loss.MeanDivisor("count")});");
        }
    }

    /// <summary>A pooled workspace, and the batch forward in chunks of <c>InferenceChunk</c>, each finished by <paramref name="perChunk"/>.</summary>
    private static void EmitChunkedInference(CodeWriter w, string perChunk)
    {
        w.Line("FiniteValues.Require(inputs, InputLength, NetworkName, nameof(inputs));");
        w.Line("EnterInference();");
        w.Line("Workspace workspace = _inferenceWorkspaces.Rent();");
        using (w.Block("try"))
        {
            using (w.Block("for (int start = 0; start < count; start += InferenceChunk)"))
            {
                w.Line("int n = Math.Min(InferenceChunk, count - start);");
                w.Line("Forward(workspace, inputs.Slice(start * InputLength, n * InputLength), n);");
                w.Line(perChunk);
            }
        }
        using (w.Block("finally")) { w.Line("_inferenceWorkspaces.Return(workspace);"); w.Line("Interlocked.Decrement(ref _inferenceCalls);"); }
    }

    private static void EmitValidation(CodeWriter w, string name, LossApi loss)
    {
        using (w.Block("private static int SampleCount(int length, string parameter)"))
        {
            using (w.Block("if (length == 0 || length % InputLength != 0)"))
            {
                w.Line($"throw new ArgumentException($\"{name} takes samples of {{InputLength}} floats ({{string.Join(\"×\", InputShape.ToArray())}}); '{{parameter}}' has {{length}}, which is not a positive multiple of {{InputLength}}.\", parameter);");
            }
            w.Line("return length / InputLength;");
        }
        w.Line();
        using (w.Block("private static void RequireLength(int actual, int expected, string parameter, string what)"))
        {
            w.Line($"if (actual != expected) throw new ArgumentException($\"{name}: '{{parameter}}' must hold {{expected}} values ({{what}}) but has {{actual}}.\", parameter);");
        }
        w.Line();
        using (w.Block($"private static void RequireTargets(ReadOnlySpan<{loss.TargetType}> {loss.Targets}, int count)"))
        {
            if (loss.IsClassifier)
            {
                w.Line("if (labels.Length != count) RequireLength(labels.Length, count, nameof(labels), $\"one label per sample ({count})\");");
                using (w.Block("for (int i = 0; i < labels.Length; i++)"))
                {
                    w.Line($"if ((uint)labels[i] >= OutputLength) throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $\"{name}: label {{i}} is {{labels[i]}}; labels must be class indices from 0 to {{OutputLength - 1}}.\");");
                }
            }
            else
            {
                w.Line("if (targets.Length != count * OutputLength) RequireLength(targets.Length, count * OutputLength, nameof(targets), $\"{count} sample(s) × {OutputLength} targets\");");
                if (loss.Kind == LossKind.BinaryCrossEntropy)
                {
                    using (w.Block("for (int i = 0; i < targets.Length; i++)"))
                    {
                        w.Line($"if (!(targets[i] >= 0f && targets[i] <= 1f)) throw new ArgumentOutOfRangeException(nameof(targets), targets[i], $\"{name}: target {{i}} is {{targets[i]}}; binary cross-entropy targets are probabilities from 0 to 1.\");");
                    }
                }
            }
        }
        w.Line();
        w.Line("// Inference reads the parameters that training writes: calls that overlap a training step are refused, never raced.");
        using (w.Block("private void EnterTraining()"))
        {
            w.Line($"if (Interlocked.Increment(ref _trainingCalls) != 1) {{ Interlocked.Decrement(ref _trainingCalls); throw new InvalidOperationException(\"{name} is already training on another thread; TrainStep and ComputeGradients take one caller at a time.\"); }}");
            w.Line("SpinWait spin = default; while (Volatile.Read(ref _inferenceCalls) != 0) spin.SpinOnce();");
        }
        w.Line();
        w.Line("private void ExitTraining() => Interlocked.Decrement(ref _trainingCalls);");
        w.Line();
        using (w.Block("private void EnterInference()"))
        {
            w.Line("Interlocked.Increment(ref _inferenceCalls);");
            w.Line($"if (Volatile.Read(ref _trainingCalls) != 0) {{ Interlocked.Decrement(ref _inferenceCalls); throw new InvalidOperationException(\"{name} is training on another thread; Predict, Classify and ComputeLoss cannot run during a training step.\"); }}");
        }
    }
}
