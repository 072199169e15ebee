namespace CnnCompiler.Numerics.Tests.Networks;

// Smooth networks (no ReLU or max kinks) for the training-mode gradient checks of the layers that behave differently in
// training: BatchNorm with batch statistics, residual adds (both paths), projection shortcuts, global pooling, ELU,
// GELU, and the float-target losses.

[Network(2, 5, 5)]
[Conv2D(3, 3, PaddingSize = 1, UseBias = false)]
[BatchNorm]
[Tanh]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class ConvBatchNormTanh;

[Network(3, 4)]
[Dense(5, UseBias = false)]
[BatchNorm]
[ELU]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class DenseBatchNormElu;

[Network(2, 4, 4)]
[Conv2D(3, 3, PaddingSize = 1, Activation = Activation.Tanh, Name = "a")]
[Conv2D(3, 3, PaddingSize = 1, UseBias = false)]
[BatchNorm]
[Add("a")]
[Tanh]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class IdentityResidual;

[Network(2, 6, 6)]
[Conv2D(3, 3, PaddingSize = 1, Activation = Activation.Tanh, Name = "a")]
[Conv2D(4, 3, Stride = 2, PaddingSize = 1, Activation = Activation.Tanh)]
[Add("a", Projection = true)]
[Tanh]
[GlobalAveragePool]
[Dense(3, Activation = Activation.GELU)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class ProjectionResidualGelu;

[Network(2, 3, 3)]
[Conv2D(2, 2, Activation = Activation.Sigmoid)]
[Dense(3)]
[MeanSquaredError]
public partial class SigmoidMse;

[Network(2, 3, 3)]
[Dense(4, Activation = Activation.Tanh)]
[Dense(2)]
[BinaryCrossEntropy]
public partial class TanhBce;

[Network(1, 16)]
[Dropout(0.5f)]
[Dense(2)]
[SoftmaxCrossEntropy]
public partial class DropoutDense;
