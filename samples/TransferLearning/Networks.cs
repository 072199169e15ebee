namespace CnnCompiler.Samples.TransferLearning;

// Pretrained on Fashion-MNIST classes 0–4 (T-shirt/top, Trouser, Pullover, Dress, Coat): LeNet-5's backbone and a
// 5-way head.
[Network(1, 28, 28)]
[Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation = Activation.ReLU)]
[Dense(84, Activation = Activation.ReLU)]
[Dense(5, Name = "head")]
[SoftmaxCrossEntropy]
public partial class PretrainNet;

// The same backbone (same layer names: conv1, conv2, dense1, dense2, so the pretrained tensors load by name) and a new
// 5-way head for classes 5–9 (Sandal, Shirt, Sneaker, Bag, Ankle boot). Its head has another name, so a partial load
// leaves it initialized and reports the old head as unexpected.
[Network(1, 28, 28)]
[Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation = Activation.ReLU)]
[Dense(84, Activation = Activation.ReLU)]
[Dense(5, Name = "new_head")]
[SoftmaxCrossEntropy]
public partial class FineTuneNet;

// samples/LeNet's LeNet-5, for the weights trained in PyTorch (tools/pytorch_lenet_train.py).
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

// The pretrained backbone with a head for a folder of your own images (up to 10 classes; outputs beyond the folder's
// classes are never a label, and predictions on them are shown as "other"). Gray 28×28 input, as the backbone was
// trained on.
[Network(1, 28, 28)]
[Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation = Activation.ReLU)]
[Dense(84, Activation = Activation.ReLU)]
[Dense(10, Name = "folder_head")]
[SoftmaxCrossEntropy]
public partial class FolderNet;
