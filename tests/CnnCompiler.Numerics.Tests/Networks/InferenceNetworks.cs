namespace CnnCompiler.Numerics.Tests.Networks;

// Networks for the inference-mode forward checks: BatchNorm with running statistics (folded into the convolution and
// the dense layer before it), a BatchNorm that cannot fold (an activation stands between), global max pooling and
// LeakyReLU. conv1's output is 9 wide with 8 filters, so its folded forward is the direct convolution with channels in
// the vector lanes; conv2 (7 wide) goes through im2col.

[Network(2, 6, 9)]
[Conv2D(8, 3, PaddingSize = 1)]
[BatchNorm(Epsilon = 1e-3f)]
[LeakyReLU(0.2f)]
[Conv2D(4, 3, Activation = Activation.Tanh, UseBias = false)]
[BatchNorm]
[GlobalMaxPool]
[Dense(5, UseBias = false)]
[BatchNorm]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class InferenceBatchNorm;

// 32 channels of 8×8 with 3×3 same-padded convolutions: Predict folds each BatchNorm into a Winograd convolution
// (WinogradEmitter), the first with a bias and a ReLU after the norm, the second without a bias.
[Network(32, 8, 8)]
[Conv2D(32, 3, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[Conv2D(32, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class InferenceWinogradBatchNorm;

// Residual adds followed by a ReLU: training and folded inference apply the ReLU inside the add's pass, feature maps
// (nothing folded) run the two apart. An identity shortcut around a conv/BatchNorm pair, then a projected one.
[Network(4, 6, 8)]
[Conv2D(8, 3, Padding = Padding.Same, UseBias = false, Name = "stem")]
[BatchNorm]
[ReLU(Name = "a")]
[Conv2D(8, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm]
[Add("a")]
[ReLU(Name = "b")]
[Conv2D(16, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]
[BatchNorm]
[Add("b", Projection = true)]
[ReLU]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class InferenceResidualReLU;
