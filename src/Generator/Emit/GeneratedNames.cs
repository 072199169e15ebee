using System.Collections.Generic;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The names the generated partial class declares and the outside names its code refers to unqualified. The parser
/// checks the user's class against them (CNN0022, CNN0023) so that a clash is one clear diagnostic instead of dozens of
/// compiler errors inside generated code; GeneratedNamesTests keeps this table equal to what the emitters write.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>Methods of the generated class: a user method of the same name is an overload, not a clash.</summary>
    public static readonly HashSet<string> Methods = new(System.StringComparer.Ordinal)
    {
        "Backward", "Classify", "ComputeActivations", "ComputeGradients", "ComputeGradientsInParallel", "ComputeLoss",
        "CopyFrozenParameters", "EnterInference", "EnterTraining", "ExitTraining", "Forward", "IsFrozen", "Predict", "RequireLength",
        "Lap", "ProfileLayers", "RequireTargets", "RunTrainingWorker", "SampleCount", "SetFrozen", "Summary", "TrainStep", "TryInferInParallel",
        "TrainingPass", "UpdateFirstTrainable",
    };

    /// <summary>
    /// Prefixes of the methods a network of more than one <see cref="LayerChunks">chunk</see> gets per chunk: the prefix,
    /// the chunk's first layer, "To" and its last layer (<c>ForwardLayers0To15</c>, <c>TensorsOfLayers16To31</c>).
    /// </summary>
    public static readonly string[] ChunkMethodPrefixes =
    [
        "BackwardLayers", "ForwardLayers", "InitializeLayers", "LayerListOfLayers", "TensorsOfLayers",
    ];

    /// <summary>Whether a method of the generated class may have this name: one of <see cref="Methods"/>, or a chunk method.</summary>
    public static bool IsMethod(string name) => Methods.Contains(name) || ChunkMethodPrefix(name) is not null;

    /// <summary>The prefix of a chunk method's name (<c>ForwardLayers</c> for <c>ForwardLayers0To15</c>), or null for any other name.</summary>
    public static string? ChunkMethodPrefix(string name)
    {
        foreach (string prefix in ChunkMethodPrefixes)
        {
            if (!name.StartsWith(prefix, System.StringComparison.Ordinal)) continue;
            string range = name.Substring(prefix.Length);
            int to = range.IndexOf("To", System.StringComparison.Ordinal);
            if (to > 0 && IsNumber(range.Substring(0, to)) && IsNumber(range.Substring(to + 2))) return prefix;
        }
        return null;
    }

    private static bool IsNumber(string text)
    {
        if (text.Length == 0) return false;
        foreach (char c in text)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /// <summary>Constants, fields, properties and nested types of the generated class: any user member of the same name clashes.</summary>
    public static readonly HashSet<string> OtherMembers = new(System.StringComparer.Ordinal)
    {
        "Gradients", "InferenceChunk", "InferenceJob", "NetworkName", "ParallelMinimum", "InputLength", "InputShape", "LayerList", "Layers", "OutputLength", "ParameterCount",
        "Parameters", "State", "StateCount", "Tensors", "Threads", "TrainingJob", "TrainingRandom", "TrainingWorker",
        "Workspace", "_firstTrainable", "_frozen", "_frozenBackup", "_gradients", "_inferenceCalls", "_inferenceJob", "_inferenceWorkspaces", "_parallelInference", "_parameters",
        "_random", "_state", "_stateBeforeStep", "_threads", "_trainingCalls", "_trainingJob", "_trainingWorkers", "_trainingWorkspace",
    };

    /// <summary>
    /// Types and namespaces the generated code names without qualification, with what they are: a network class of the
    /// same name would hide them inside its own body.
    /// </summary>
    public static readonly Dictionary<string, string> ReferencedTypes = new(System.StringComparer.Ordinal)
    {
        ["ActivationKernels"] = "CnnCompiler.Kernels.ActivationKernels",
        ["ArgMax"] = "CnnCompiler.Kernels.ArgMax",
        ["ArgumentException"] = "System.ArgumentException",
        ["ArgumentNullException"] = "System.ArgumentNullException",
        ["ArgumentOutOfRangeException"] = "System.ArgumentOutOfRangeException",
        ["Array"] = "System.Array",
        ["BinaryCrossEntropyKernels"] = "CnnCompiler.Losses.BinaryCrossEntropyKernels",
        ["CounterRandom"] = "CnnCompiler.CounterRandom",
        ["Environment"] = "System.Environment",
        ["FiniteValues"] = "CnnCompiler.Kernels.FiniteValues",
        ["IClassifier"] = "CnnCompiler.IClassifier",
        ["INetwork"] = "CnnCompiler.INetwork",
        ["IOptimizer"] = "CnnCompiler.IOptimizer",
        ["IParallelWork"] = "CnnCompiler.IParallelWork",
        ["IReadOnlyList"] = "System.Collections.Generic.IReadOnlyList<T>",
        ["IRegressor"] = "CnnCompiler.IRegressor",
        ["IndexMath"] = "CnnCompiler.Kernels.IndexMath",
        ["Interlocked"] = "System.Threading.Interlocked",
        ["InvalidOperationException"] = "System.InvalidOperationException",
        ["LayerInfo"] = "CnnCompiler.LayerInfo",
        ["LayerTiming"] = "CnnCompiler.LayerTiming",
        ["Math"] = "System.Math",
        ["MathF"] = "System.MathF",
        ["MethodImplOptions"] = "System.Runtime.CompilerServices.MethodImplOptions",
        ["MeanSquaredErrorKernels"] = "CnnCompiler.Losses.MeanSquaredErrorKernels",
        ["MemoryMarshal"] = "System.Runtime.InteropServices.MemoryMarshal",
        ["PlaneKernels"] = "CnnCompiler.Kernels.PlaneKernels",
        ["ReadOnlySpan"] = "System.ReadOnlySpan<T>",
        ["Rows"] = "CnnCompiler.Kernels.Rows",
        ["SeededRandom"] = "CnnCompiler.SeededRandom",
        ["SoftmaxCrossEntropyKernels"] = "CnnCompiler.Losses.SoftmaxCrossEntropyKernels",
        ["Span"] = "System.Span<T>",
        ["SpinWait"] = "System.Threading.SpinWait",
        ["Stopwatch"] = "System.Diagnostics.Stopwatch",
        ["StringComparison"] = "System.StringComparison",
        ["SyncGroup"] = "CnnCompiler.SyncGroup",
        ["TensorInfo"] = "CnnCompiler.TensorInfo",
        ["TensorStore"] = "CnnCompiler.TensorStore",
        ["TensorPrimitives"] = "System.Numerics.Tensors.TensorPrimitives",
        ["Unsafe"] = "System.Runtime.CompilerServices.Unsafe",
        ["Vector256"] = "System.Runtime.Intrinsics.Vector256",
        ["Vector512"] = "System.Runtime.Intrinsics.Vector512",
        ["Volatile"] = "System.Threading.Volatile",
        ["WeightInit"] = "CnnCompiler.WeightInit",
        ["WorkerPool"] = "CnnCompiler.WorkerPool",
        ["WorkspacePool"] = "CnnCompiler.WorkspacePool<T>",
        // Contextual keywords the generated code uses: a type of that name would take their place.
        ["nameof"] = "the contextual keyword nameof",
        ["nuint"] = "the contextual keyword nuint",
        ["var"] = "the contextual keyword var",
    };

    /// <summary>What a class of this name would clash with, or null when the name is free.</summary>
    public static string? ClassNameClash(string className)
    {
        if (ReferencedTypes.TryGetValue(className, out string? type)) return type.StartsWith("the ", System.StringComparison.Ordinal) ? type : "the type " + type;
        if (IsMethod(className) || OtherMembers.Contains(className)) return $"the generated member '{className}'";
        return null;
    }
}
