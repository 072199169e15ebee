// Small networks for weight files, checkpoints and training. Layer names are the generated ones (conv1, pool1, dense1)
// unless a test needs a different head.
namespace CnnCompiler.Training.Tests.Networks;

// A tiny conv net on 1×8×8: conv1 4×1×3×3 → 6×6, pool → 3×3, dense1 3×36.
[Network(1, 8, 8)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class TinyNet;

// TinyNet's body with a head of another name and size: a transfer-learning target.
[Network(1, 8, 8)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(5, Name = "head")]
[SoftmaxCrossEntropy]
public partial class TinyNetNewHead;

// TinyNet's body with a head of the same name but five classes: dense1 differs only in shape.
[Network(1, 8, 8)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class TinyNetWiderHead;

// BatchNorm (running statistics and num_batches_tracked in State) and Dropout (masks from TrainingRandom).
[Network(1, 8, 8)]
[Conv2D(4, 3)]
[BatchNorm]
[ReLU]
[MaxPool2D(2)]
[Flatten]
[Dropout(0.25f)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class TinyBatchNormNet;

// The LeNet-5 of samples/LeNet, declared again here.
[Network(1, 28, 28)]
[Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation = Activation.ReLU)]
[Dense(84, Activation = Activation.ReLU)]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class LeNet5;


// TinyNet's layers under other names, for loading TinyNet's files through a rename.
[Network(1, 8, 8)]
[Conv2D(4, 3, Activation = Activation.ReLU, Name = "stem")]
[MaxPool2D(2)]
[Dense(3, Name = "classifier")]
[SoftmaxCrossEntropy]
public partial class TinyNetRenamed;

// A strided basic block, whose shortcut is torchvision's downsample.0 (1×1 conv) and downsample.1 (BatchNorm).
[Network(1, 8, 8)]
[Conv2D(4, 3, Padding = Padding.Same, Name = "stem")]
[BasicBlock(8, Stride = 2, Name = "layer1")]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class TinyBlockNet;
