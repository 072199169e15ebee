using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Everything a generated network does that is the same for every network: its parameter, gradient and state buffers,
/// inference (pooled workspaces, batches split across threads), training (data-parallel workers, BatchNorm statistics
/// shared between them, gradients summed in worker order), frozen layers, feature maps and per-layer timing. It is
/// generic over the generated definition and the loss, both structs, so the JIT specializes it for each network and
/// every call into the definition is direct: the generated class forwards its public members here.
/// </summary>
/// <typeparam name="TDefinition">The generated network's definition (file-local struct).</typeparam>
/// <typeparam name="TLoss">The loss.</typeparam>
/// <typeparam name="TTarget">Class labels (<see cref="int"/>) or float targets.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class Network<TDefinition, TLoss, TTarget> : CompiledNetwork
    where TDefinition : struct, INetworkDefinition
    where TLoss : struct, ILoss<TTarget>
    where TTarget : unmanaged
{
    /// <summary>Samples per inference workspace: larger batches run in chunks of this many.</summary>
    public const int InferenceChunk = 64;

    private readonly float[] _parameters = new float[TDefinition.ParameterCount];
    private readonly float[] _gradients = new float[TDefinition.ParameterCount];
    private readonly float[] _state = new float[TDefinition.StateCount];
    private readonly SeededRandom _random;
    private readonly WorkspacePool<Workspace> _inferenceWorkspaces;
    private Workspace? _trainingWorkspace;
    private int _threads = Environment.ProcessorCount;

    /// <summary>
    /// Creates the network with seeded initial weights (the definition decides: He normal before ReLU, Glorot uniform
    /// otherwise, zero biases, BatchNorm γ = 1, β = 0, running variance 1). The same generator then draws the dropout
    /// masks of training steps.
    /// </summary>
    public Network(int seed)
    {
        var random = new SeededRandom(unchecked((ulong)seed));
        TDefinition.Initialize(_parameters, _state, random);
        _random = random;
        _frozen = TDefinition.DeclaredFrozen.ToArray();
        UpdateFirstTrainable();
        _inferenceWorkspaces = new(() => TDefinition.CreateWorkspace(InferenceChunk, training: false, _state));
    }

    /// <summary>The network behind a generated class's field (created by that class's constructor, so of this type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Network<TDefinition, TLoss, TTarget> Of(CompiledNetwork network) => Unsafe.As<Network<TDefinition, TLoss, TTarget>>(network);

    /// <summary>Every trainable parameter, layer after layer, each tensor in PyTorch's layout.</summary>
    public Span<float> Parameters => _parameters;

    /// <summary>The gradient of the mean loss from the last gradient computation, laid out like <see cref="Parameters"/>.</summary>
    public ReadOnlySpan<float> Gradients => _gradients;

    /// <summary>Non-trainable state (BatchNorm running statistics), layer after layer.</summary>
    public Span<float> State => _state;

    /// <summary>The generator behind dropout masks.</summary>
    public SeededRandom TrainingRandom => _random;

    /// <summary>Threads that share a training step's samples and a batched inference call's samples.</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Threads must be at least 1.");
    }

    private static int OutputLength => TDefinition.OutputLength;

    private static int InputLength => TDefinition.InputLength;

    private static int SampleCount(ReadOnlySpan<float> inputs, string parameter) =>
        Arguments.SampleCount(TDefinition.Name, inputs.Length, InputLength, TDefinition.InputShape, parameter);

    private static void RequireLength(int actual, int expected, string parameter, string what) =>
        Arguments.RequireLength(TDefinition.Name, actual, expected, parameter, what);

    private static void RequireFinite(ReadOnlySpan<float> inputs, string parameter) =>
        FiniteValues.Require(inputs, InputLength, TDefinition.Name, parameter);
}
