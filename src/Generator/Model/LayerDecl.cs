namespace CnnCompiler.Generator.Model;

/// <summary>The kinds of layer the generator knows; each has one emitter.</summary>
internal enum LayerKind
{
    Conv,
    MaxPool,
    AvgPool,
    Dense,
    Flatten,
    Activation,
    BatchNorm,
    Dropout,
    GlobalAvgPool,
    GlobalMaxPool,
    Add,
    Upsample,
    Multiply,
    BasicBlock,
    SoftmaxCrossEntropy,
    MeanSquaredError,
    BinaryCrossEntropy,
}

/// <summary>Element-wise activations, as the attributes' <c>Activation</c> enum (same numeric values).</summary>
internal enum ActivationKind
{
    None = 0,
    ReLU = 1,
    Sigmoid = 2,
    Tanh = 3,
    LeakyReLU = 4,
    ELU = 5,
    GELU = 6,
    ReLU6 = 7,
    Hardswish = 8,
    Hardsigmoid = 9,
    SiLU = 10,
}

/// <summary>How padding was declared.</summary>
internal enum PaddingMode
{
    Valid = 0,
    Same = 1,
    Explicit = 2,
}

/// <summary>
/// One layer attribute as written, before any shape is known. Spatial values (kernel, stride, padding) hold one entry
/// per spatial axis, outermost first; a stride of 0 means "not given" (the kind's default applies).
/// </summary>
/// <param name="Kind">The layer kind.</param>
/// <param name="AttributeName">The attribute as the user wrote it, without the suffix ("Conv2D"), for messages.</param>
/// <param name="Name">The user-given name, if any.</param>
/// <param name="Units">Filters of a convolution or units of a dense layer; 0 for other kinds.</param>
/// <param name="Kernel">Kernel or pooling window per spatial axis.</param>
/// <param name="Stride">Stride per spatial axis (0 = default).</param>
/// <param name="Padding">Padding mode.</param>
/// <param name="Pad">Explicit padding per spatial axis (used when <paramref name="Padding"/> is Explicit).</param>
/// <param name="Activation">Fused or stand-alone activation.</param>
/// <param name="UseBias">Whether a convolution or dense layer has a bias.</param>
/// <param name="Alpha">LeakyReLU's negative slope or ELU's α.</param>
/// <param name="Rate">Dropout's probability of zeroing a value.</param>
/// <param name="Momentum">BatchNorm's running-statistics momentum.</param>
/// <param name="Epsilon">BatchNorm's variance epsilon.</param>
/// <param name="Source">The layer an Add or Multiply takes its second input from.</param>
/// <param name="Projection">Whether an Add projects its source with a 1×1 convolution and BatchNorm.</param>
/// <param name="Frozen">Whether the layer starts frozen (its parameters are not trained).</param>
/// <param name="CountIncludePad">Whether an average pool's padded positions count in its divisor (PyTorch's count_include_pad).</param>
/// <param name="Linear">Whether an upsampling layer interpolates linearly (else nearest); its scales are <paramref name="Kernel"/>.</param>
internal sealed record LayerDecl(
    LayerKind Kind,
    string AttributeName,
    string? Name,
    int Units,
    EquatableArray<int> Kernel,
    EquatableArray<int> Stride,
    PaddingMode Padding,
    EquatableArray<int> Pad,
    ActivationKind Activation,
    bool UseBias,
    float Alpha = 0f,
    float Rate = 0f,
    float Momentum = 0f,
    float Epsilon = 0f,
    string? Source = null,
    bool Projection = false,
    bool Frozen = false,
    bool CountIncludePad = true,
    bool Linear = false)
{
    /// <summary>Spatial axes of a convolution, pooling or upsampling layer (1, 2 or 3); 0 for other kinds.</summary>
    public int SpatialRank => Kernel.Count;

    public bool HasParameters => Kind is LayerKind.Conv or LayerKind.Dense or LayerKind.BatchNorm;

    public bool IsLoss => Kind is LayerKind.SoftmaxCrossEntropy or LayerKind.MeanSquaredError or LayerKind.BinaryCrossEntropy;
}
