using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// What a generated network declares about itself: its sizes, its layer table, its workspace, and its forward and
/// backward passes. The generator implements it on a file-local struct, so that <see cref="Network{TDefinition, TLoss, TTarget}"/>
/// is specialized for each network by the JIT and every call into the definition is direct and inlinable. Only generated
/// code implements this interface.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface INetworkDefinition
{
    /// <summary>The network's class name, to start error messages.</summary>
    static abstract string Name { get; }

    /// <summary>Floats in one input sample.</summary>
    static abstract int InputLength { get; }

    /// <summary>Floats in one output sample (the last layer's output).</summary>
    static abstract int OutputLength { get; }

    /// <summary>Trainable parameters, all layers in one buffer.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Non-trainable state values (BatchNorm running statistics).</summary>
    static abstract int StateCount { get; }

    /// <summary>The input shape of one sample, channels first.</summary>
    static abstract ReadOnlySpan<int> InputShape { get; }

    /// <summary>Every layer in execution order.</summary>
    static abstract IReadOnlyList<LayerInfo> LayerList { get; }

    /// <summary>Every named tensor (parameters, then state per layer) with PyTorch's state_dict name and shape.</summary>
    static abstract IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Per layer: whether its declaration starts it frozen (only layers with parameters).</summary>
    static abstract ReadOnlySpan<bool> DeclaredFrozen { get; }

    /// <summary>A workspace for up to <paramref name="capacity"/> samples, in training or inference mode.</summary>
    static abstract Workspace CreateWorkspace(int capacity, bool training, float[] state);

    /// <summary>Draws the initial parameters and state from <paramref name="random"/>, layer after layer.</summary>
    static abstract void Initialize(Span<float> parameters, Span<float> state, SeededRandom random);

    /// <summary>
    /// Runs every layer forward over <paramref name="count"/> samples; the workspace's <see cref="Workspace.Logits"/>
    /// then holds the network's raw outputs. At inference BatchNorms fold into the layer before them and ReLUs into the
    /// layer before them unless <paramref name="fold"/> is false (feature maps of every layer are wanted).
    /// </summary>
    static abstract void Forward(Workspace workspace, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, int count, bool fold);

    /// <summary>
    /// Runs every layer backward, last to first, from the output gradient in <see cref="Workspace.LogitGradients"/>:
    /// adds each trainable layer's parameter gradient into <paramref name="parameterGradients"/> (frozen layers' stay
    /// untouched) and, when <paramref name="inputGradient"/> is not empty, fills it. Layers before
    /// <paramref name="firstTrainable"/> run only when the input gradient is wanted.
    /// </summary>
    static abstract void Backward(Workspace workspace, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> inputGradient,
        Span<float> parameterGradients, int count, ReadOnlySpan<bool> frozen, int firstTrainable);
}
