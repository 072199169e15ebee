namespace CnnCompiler.Generator.Model;

/// <summary>The loss that closes a network.</summary>
internal enum LossKind
{
    SoftmaxCrossEntropy,
    MeanSquaredError,
    BinaryCrossEntropy,
}

/// <summary>
/// One layer after shape inference: everything an emitter needs, all of it constants.
/// </summary>
/// <param name="Index">Position among the network's compute layers (the loss excluded).</param>
/// <param name="Name">The layer's name (given or generated: conv1, pool1, dense1, …).</param>
/// <param name="Identifier">The name as a C# identifier, for the generated nested class (Conv1).</param>
/// <param name="Decl">The attribute as declared.</param>
/// <param name="Input">Input shape of one sample.</param>
/// <param name="Output">Output shape of one sample.</param>
/// <param name="Stride">Effective stride per spatial axis.</param>
/// <param name="PadBegin">Padding before each spatial axis (top, left, …).</param>
/// <param name="PadEnd">Padding after each spatial axis (bottom, right, …).</param>
/// <param name="WeightOffset">Offset of the weights in the network's parameter buffer.</param>
/// <param name="WeightCount">Weights, in PyTorch's layout.</param>
/// <param name="BiasOffset">Offset of the bias in the parameter buffer.</param>
/// <param name="BiasCount">Bias values (0 without bias).</param>
/// <param name="StateOffset">Offset of the layer's non-trainable state (BatchNorm running statistics) in the state buffer.</param>
/// <param name="StateCount">State values (0 for most layers).</param>
/// <param name="Flops">Forward floating-point operations per sample (2 per multiply-add of convolutions and dense layers).</param>
/// <param name="InputFrom">The layer whose output this layer reads (−1: the network input); the previous layer unless a residual branch says otherwise.</param>
/// <param name="SkipFrom">An Add's second input (−1: none).</param>
/// <param name="DeclaredFrozen">Whether the declaration (or the composite it belongs to) starts it frozen.</param>
/// <param name="FollowedByReLU">Whether ReLU follows the layer (fused or as the next layer), which picks He initialization.</param>
/// <param name="FoldsBatchNorm">A convolution or dense layer whose output only the next layer, a BatchNorm, reads: at inference that BatchNorm is folded into its weights and bias (exact: nothing non-linear stands between them).</param>
/// <param name="FoldedIntoPrevious">A BatchNorm folded into the layer before it at inference.</param>
/// <param name="FusesNextReLU">A BatchNorm or residual add whose output only the stand-alone ReLU right after it reads: training applies that ReLU in this layer's own passes (forward clamps as it writes the ReLU's output, backward masks the ReLU's output gradient as it reads it).</param>
/// <param name="FusedIntoPrevious">A stand-alone ReLU that the layer before it applies in training (it runs on its own only at inference).</param>
/// <param name="Kernel">How the layer runs: the constants of the runtime kernel it calls (null for kinds still emitted whole).</param>
/// <param name="KernelName">The name of the kernel struct the layer shares with every layer of an equal <paramref name="Kernel"/>.</param>
/// <param name="ClassName">The generated class whose Forward and Backward the passes call for this layer: its own (<paramref name="Identifier"/>), or, for a kind whose class holds nothing of the layer's own (<see cref="Layers.ILayerKernel.SharesClass"/>), the one class of every layer that runs the same kernel struct.</param>
internal sealed record LayerPlan(
    int Index,
    string Name,
    string Identifier,
    LayerDecl Decl,
    Shape Input,
    Shape Output,
    EquatableArray<int> Stride,
    EquatableArray<int> PadBegin,
    EquatableArray<int> PadEnd,
    int WeightOffset,
    int WeightCount,
    int BiasOffset,
    int BiasCount,
    int StateOffset,
    int StateCount,
    long Flops,
    bool FollowedByReLU,
    int InputFrom = -1,
    int SkipFrom = -1,
    bool DeclaredFrozen = false,
    bool FoldsBatchNorm = false,
    bool FoldedIntoPrevious = false,
    bool FusesNextReLU = false,
    bool FusedIntoPrevious = false,
    Layers.KernelPlan? Kernel = null,
    string KernelName = "",
    string ClassName = "")
{
    public LayerKind Kind => Decl.Kind;

    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>A flatten layer is a view: its output is its input buffer.</summary>
    public bool IsView => Kind == LayerKind.Flatten;
}

/// <summary>A network after shape inference: ready to emit, holding no locations.</summary>
internal sealed record NetworkPlan(TypeDecl Type, Shape Input, EquatableArray<LayerPlan> Layers, LossKind Loss, int ParameterCount, int StateCount, long Flops)
{
    public Shape Output => Layers[Layers.Count - 1].Output;
}

/// <summary>What analysis hands on: a plan when the declaration is valid, and every diagnostic.</summary>
internal sealed record AnalysisResult(NetworkPlan? Plan, EquatableArray<DiagnosticInfo> Diagnostics);
