using System.Collections.Generic;
using System.Text;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>Stable names for layers (conv1, pool1, dense1, … counting per kind, as CONVENTIONS.md fixes) and their C# identifiers.</summary>
internal static class LayerNames
{
    /// <summary>The stem of a layer's generated name, as its kind's unit gives it (conv, pool, dense, relu, bn, …).</summary>
    public static string Prefix(LayerDecl layer) => LayerKinds.Declaration(layer).NamePrefix(layer);

    /// <summary>The user's name when given, else the kind prefix and its count among layers with that prefix.</summary>
    public static string[] Assign(EquatableArray<LayerDecl> layers)
    {
        var counts = new Dictionary<string, int>();
        var names = new string[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            string prefix = Prefix(layers[i]);
            counts[prefix] = counts.TryGetValue(prefix, out int count) ? count + 1 : 1;
            names[i] = layers[i].Name ?? (prefix == "loss" ? "loss" : prefix + counts[prefix]);
        }
        return names;
    }

    /// <summary>
    /// Names the generated code uses for its own types, members and namespaces (System, Math, Span, Vector256, Layers,
    /// Workspace, Forward, InputLength, …). A layer class of one of these names would shadow the type inside the
    /// generated <c>Layers</c> class or clash with a member of its own, so a layer whose name maps to one gets a suffix
    /// (a layer named "math" becomes <c>Layers.Math_2</c>); the layer's name itself is unchanged.
    /// </summary>
    private static readonly HashSet<string> Reserved = new(System.StringComparer.Ordinal)
    {
        "AccumulateWeightGradient", "ActivationKernels", "Add", "ArgMax", "ArgumentException", "ArgumentNullException",
        "ArgumentOutOfRangeException", "Array", "AsSpan", "Backward", "BiasCount", "BiasOffset",
        "BinaryCrossEntropyKernels", "Capacity", "Channels", "Classify", "Clear", "CnnCompiler", "Collections",
        "ColumnCols", "ColumnRows", "CompilerServices", "ComputeActivations", "ComputeGradients",
        "ComputeGradientsInParallel", "ComputeLoss", "Dense", "IDenseShape", "FusedActivation", "Activation", "Definition", "BroadcastGemm", "DotGemm", "Network", "CompiledNetwork", "Tables", "Input", "CopyFrozenParameters", "CopyTo", "Count", "CounterRandom", "BatchNorm", "IBatchNormShape", "ResidualAdd", "IResidualAddShape", "ActivationLayer", "IActivationShape", "Dropout", "IDropoutShape", "GlobalPool", "IGlobalPoolShape", "Upsample", "IUpsampleShape", "ChannelGate", "IChannelGateShape", "ForwardReLU", "BackwardReLU", "ForwardFolded", "Apply", "Conv", "IConvShape", "ConvBuffers", "ConvForward", "ConvWeightGradient", "ConvInputGradient", "Buffers",
        "Create", "CreateSpan", "Decrement", "Dot", "ELU", "ELUBackward", "Empty", "EnterTraining", "Environment",
        "Epsilon", "Execute", "ExitTraining", "Fill", "Fold", "Forward", "FusedMultiplyAdd", "GELU",
        "GELUBackwardFromInput", "Generic", "GetArrayDataReference", "GetReference", "GlorotUniform", "Gradients",
        "Hardsigmoid", "HardsigmoidBackwardFromInput", "Hardswish", "HardswishBackwardFromInput",
        "HeNormal", "IClassifier", "INetwork", "IOptimizer", "IParallelWork", "IReadOnlyList", "IRegressor",
        "InChannels", "InDepth", "InHeight", "InLength", "InWidth", "Increment", "IndexMath", "IndexOf", "IndexOfMax",
        "InferenceChunk", "InputLength", "InputShape", "Inputs", "Interlocked", "InteropServices", "Intrinsics",
        "InvalidOperationException", "InverseWindow", "IsEmpty", "IsFinite", "IsFrozen", "Join", "KeepScale",
        "KernelDepth", "KernelHeight", "KernelLength", "KernelWidth", "Kernels", "LayerInfo", "LayerList", "Layers",
        "LeakyReLU", "LeakyReLUBackwardFromInput", "Length", "LoadUnsafe", "LossSum", "Losses", "Math", "Max",
        "MeanSquaredErrorKernels", "MemoryMarshal", "Min", "Momentum", "Multiply", "MultiplyAdd",
        "MultiplyGradientByWeights", "MultiplyInputsByWeights", "MultiplyTransposedWeightsByGradient",
        "MultiplyWeightsByColumns", "Name", "NegativeInfinity", "NextUInt64", "Numerics", "Ordinal", "OutChannels",
        "OutDepth", "OutHeight", "OutLength", "OutWidth", "OutputLength", "PadDepth", "PadHeight", "PadLength",
        "PadWidth", "ParameterCount", "Parameters", "Plane", "Predict", "Probabilities", "ProcessorCount", "Rate",
        "ReLU", "ReLUBackward", "ReLU6", "ReLU6Backward", "Read", "ReadOnlySpan", "Reduce", "Rent", "RequireLength", "RequireTargets", "Return",
        "Rows", "Run", "RunTrainingWorker", "Runtime", "SampleCount", "SampleOffset", "Scale", "SeededRandom",
        "SetFrozen", "Shared", "Sigmoid", "SigmoidBackward", "SiLU", "SiLUBackwardFromInput", "Slice", "Slots", "SoftmaxCrossEntropyKernels", "Span",
        "Sqrt", "StartsWith", "State", "StateCount", "StateOffset", "Step", "StepSeed", "StoreUnsafe", "StrideDepth",
        "StrideHeight", "StrideLength", "StrideWidth", "StringComparison", "Sum", "SumOfSquares", "Summary", "Sync",
        "SyncGroup", "SyncLength", "System", "Tanh", "TanhBackward", "Targets", "TensorInfo", "TensorPrimitives",
        "TensorStore", "Tensors", "Threading", "Threads", "ThrowIfNull", "ThrowIfTraining", "ToArray", "TrainStep",
        "Training", "TrainingJob", "TrainingPass", "TrainingRandom", "TrainingWorker", "Unfold", "Uniform", "Units",
        "Unsafe", "UpdateFirstTrainable", "ValidRange", "Vector256", "Vector512", "Volatile", "Wait", "WeightCount", "WeightInit",
        "WeightOffset", "WindowDepth", "WindowHeight", "WindowLength", "WindowWidth", "Worker", "WorkerPool", "Workers",
        "Workspace", "WorkspacePool", "Zero",
    };

    /// <summary>A reserved name, or one of the shared layer classes' (a kernel struct's name, "Kernel", digits, then "Layers": ActivationKernel2Layers).</summary>
    private static bool IsReserved(string identifier)
    {
        if (Reserved.Contains(identifier)) return true;
        if (!identifier.EndsWith(KernelDecisions.SharedClassSuffix, System.StringComparison.Ordinal)) return false;
        string stem = identifier.Substring(0, identifier.Length - KernelDecisions.SharedClassSuffix.Length);
        int digits = stem.Length;
        while (digits > 0 && char.IsDigit(stem[digits - 1])) digits--;
        return digits < stem.Length && stem.Substring(0, digits).EndsWith("Kernel", System.StringComparison.Ordinal);
    }

    /// <summary>PascalCase identifier for a name: "conv1" → "Conv1", "block1.conv" → "Block1_Conv"; unique within <paramref name="taken"/>.</summary>
    public static string Identifier(string name, HashSet<string> taken)
    {
        var builder = new StringBuilder();
        bool upper = true;
        foreach (char c in name)
        {
            if (c == '.' || c == '_')
            {
                builder.Append('_');
                upper = true;
                continue;
            }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        string candidate = builder.ToString();
        string unique = candidate;
        for (int suffix = 2; IsReserved(unique) || !taken.Add(unique); suffix++) unique = candidate + "_" + suffix;
        return unique;
    }
}
