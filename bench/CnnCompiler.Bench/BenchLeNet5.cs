namespace CnnCompiler.Bench.Networks;

// The benchmark's own LeNet-5, declared with the same attributes as samples/LeNet/LeNet5.cs, so that the figures
// measure exactly what a user's declaration compiles to. check_jit.sh looks for this namespace in the JIT's log.
[Network(1, 28, 28)]
[Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation = Activation.ReLU)]
[Dense(84, Activation = Activation.ReLU)]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class BenchLeNet5;
