using CnnCompiler;
using CnnCompiler.Samples.Architectures;

Console.WriteLine(ResNet20.Summary());
var net = new ResNet20(1) { Threads = 2 };
var rng = new SeededRandom(3);
var x = new float[8 * ResNet20.InputLength];
for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextGaussian();
int[] y = [0, 1, 2, 3, 4, 5, 6, 7];
var sgd = new Sgd(0.05f, 0.9f);
for (int s = 0; s < 10; s++) Console.WriteLine(net.TrainStep(x, y, sgd));
