using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CnnCompiler;
using CnnCompiler.BitwiseCheck;
using CnnCompiler.Samples.Architectures;

// Usage: BitwiseCheck OUTPUT_FILE [threads]
// Writes every float three networks produce from fixed inputs, section by section, and prints one hash per section, so
// that two dumps that differ say where. Per network: Predict before training (BatchNorm folded, add+ReLU fused), the
// feature maps of every layer for one sample (nothing folded or fused), then two SGD steps with momentum (BatchNorm
// batch statistics shared across the workers, ReLU fusion, dropout masks), each followed by the loss, gradients,
// parameters and state, and Predict again with the trained running statistics.
if (args.Length < 1) { Console.Error.WriteLine("usage: BitwiseCheck OUTPUT_FILE [threads]"); return 2; }
int threads = args.Length > 1 ? int.Parse(args[1]) : 2;

using var file = new BinaryWriter(File.Create(args[0]));
Dump("resnet20", new ResNet20(seed: 7), batch: 64);
Dump("everykind", new EveryKind(seed: 7), batch: 16);
Dump("flattenend", new FlattenEnd(seed: 7), batch: 16);
return 0;

void Dump(string name, IClassifier network, int batch)
{
    network.Threads = threads;
    var random = new Random(20261208);
    float[] inputs = new float[batch * network.InputLength];
    for (int i = 0; i < inputs.Length; i++) inputs[i] = random.NextSingle() * 2f - 1f;
    int[] labels = new int[batch];
    for (int i = 0; i < labels.Length; i++) labels[i] = random.Next(network.OutputLength);

    float[] outputs = new float[batch * network.OutputLength];
    network.Predict(inputs, outputs);
    Write($"{name}.predict.initial", outputs);
    foreach (LayerInfo layer in network.LayerList)
    {
        float[] activations = new float[layer.OutputLength];
        network.ComputeActivations(layer.Name, inputs.AsSpan(0, network.InputLength), activations);
        Write($"{name}.activations.{layer.Name}", activations);
    }
    var optimizer = new Sgd(0.05f, momentum: 0.9f);
    for (int step = 1; step <= 2; step++)
    {
        float loss = network.TrainStep(inputs, labels, optimizer);
        Write($"{name}.step{step}.loss", [loss]);
        Write($"{name}.step{step}.gradients", network.Gradients);
        Write($"{name}.step{step}.parameters", network.Parameters);
        Write($"{name}.step{step}.state", network.State);
    }
    network.Predict(inputs, outputs);
    Write($"{name}.predict.trained", outputs);
}

void Write(string section, ReadOnlySpan<float> values)
{
    byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
    file.Write(section);
    file.Write(values.Length);
    file.Write(bytes);
    Console.WriteLine($"{section,-48} {values.Length,9} floats  sha256 {Convert.ToHexString(SHA256.HashData(bytes))[..16]}");
}
