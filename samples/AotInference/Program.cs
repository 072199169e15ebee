using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using CnnCompiler;
using CnnCompiler.Samples.AotInference;

// Trains LeNet-5 for a few deterministic steps on the shipped Fashion-MNIST subset (one thread, fixed seed), runs
// inference on test images and prints hashes of the weights and outputs. The JIT build (`dotnet run`) and the
// NativeAOT build (`dotnet publish -p:PublishAot=true`) print the same lines except those starting with "mode" and "time".
// Options: --data DIR (the subset by default), --steps N (20), --batch N (64), --test N (1000), --seed N (42).
var culture = CultureInfo.InvariantCulture;
int steps = IntOption("--steps", 20), batchSize = IntOption("--batch", 64), testCount = IntOption("--test", 1000), seed = IntOption("--seed", 42);
string? dataDirectory = Option("--data") ?? FashionMnist.FindSubsetDirectory();
if (dataDirectory is null)
{
    Console.Error.WriteLine($"The Fashion-MNIST subset ({FashionMnist.SubsetRelativeDirectory}) was not found next to the program or in a parent folder; pass --data DIR.");
    return 2;
}

var total = Stopwatch.StartNew();
var (train, test, _) = FashionMnist.Load(dataDirectory);
test = test.Take(Math.Min(testCount, test.Count));
double loadMs = total.Elapsed.TotalMilliseconds;

// NativeAOT compiles nothing at run time; `dotnet run` has JIT-compiled a few hundred methods by now. (The runtime
// feature switch IsDynamicCodeSupported is off in both: PublishAot in the project file turns it off for `dotnet run` too.)
Console.WriteLine($"mode: {(System.Runtime.JitInfo.GetCompiledMethodCount() == 0 ? "NativeAOT" : "JIT")}");
Console.WriteLine($"simd: Vector512.IsHardwareAccelerated={Vector512.IsHardwareAccelerated} Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated} Vector128.IsHardwareAccelerated={Vector128.IsHardwareAccelerated}");
Console.WriteLine($"network: LeNet5, {LeNet5.ParameterCount} parameters; {steps} steps of batch {batchSize}, seed {seed}, 1 thread; {test.Count} test images");

var network = new LeNet5(seed) { Threads = 1 };
var optimizer = new Sgd(0.05f, momentum: 0.9f);
var batches = new MiniBatchLoader(train, batchSize, seed: (ulong)seed);
var clock = Stopwatch.StartNew();
for (int step = 1; step <= steps; step++)
{
    if (!batches.TryGetNext(out MiniBatch batch))
    {
        batches.EndEpoch();
        batches.TryGetNext(out batch);
    }
    float loss = network.TrainStep(batch.Inputs, batch.Labels, optimizer);
    if (step == 1 || step % 5 == 0 || step == steps)
        Console.WriteLine(string.Create(culture, $"step {step}: loss {loss:R} (0x{BitConverter.SingleToUInt32Bits(loss):X8})"));
}
double trainMs = clock.Elapsed.TotalMilliseconds;

var probabilities = new float[test.Count * LeNet5.OutputLength];
clock.Restart();
network.Predict(test.Samples, probabilities);
double inferMs = clock.Elapsed.TotalMilliseconds;
var labels = new int[test.Count];
network.Classify(test.Samples, labels);
int correct = 0;
for (int i = 0; i < labels.Length; i++) if (labels[i] == test.Label(i)) correct++;

Console.WriteLine($"weights sha256: {Sha256(network.Parameters)}");
Console.WriteLine($"outputs sha256: {Sha256(probabilities)}");
Console.WriteLine($"labels sha256: {Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(labels.AsSpan())))}");
Console.WriteLine(string.Create(culture, $"first output: {string.Join(' ', probabilities.AsSpan(0, LeNet5.OutputLength).ToArray().Select(p => p.ToString("R", culture)))}"));
Console.WriteLine(string.Create(culture, $"test accuracy: {correct}/{test.Count}"));
Console.WriteLine(string.Create(culture, $"time load: {loadMs:F1} ms"));
Console.WriteLine(string.Create(culture, $"time train: {trainMs:F1} ms ({steps * batchSize / (trainMs / 1000):F0} img/s, first step's compilation included)"));
Console.WriteLine(string.Create(culture, $"time predict: {inferMs:F2} ms for {test.Count} images"));
Console.WriteLine(string.Create(culture, $"time total: {total.Elapsed.TotalMilliseconds:F1} ms (process start not included)"));
return 0;

static string Sha256(ReadOnlySpan<float> values) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values)));

string? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int IntOption(string name, int fallback) => Option(name) is { } text ? int.Parse(text, culture) : fallback;
