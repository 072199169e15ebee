using System.Globalization;

namespace CnnCompiler.Bench;

/// <summary>The command and options of one benchmark run (see bench/README.md).</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        """
        Usage: CnnCompiler.Bench <command> [options]
        Commands:
          lenet-train       training throughput: SGD lr 0.05 momentum 0.9, batch 64, Fashion-MNIST
          lenet-infer-b1    median latency of Predict on one image
          lenet-infer-b64   throughput of Predict on batches of 64 (whole test set per pass)
          alloc             bytes allocated per TrainStep and per Predict in steady state (must be 0; exit 1 otherwise)
          all               the four above, in that order
          concurrent        single-sample Predict throughput on one shared network from 1, 2 and 8 threads at once
          vgg-forward       VGG-small (3×32×32) Predict throughput, random batches of 64 (as the PyTorch peer script)
          vgg-train         VGG-small TrainStep throughput, SGD lr 0.01 momentum 0.9
          resnet20-forward  ResNet-20 Predict throughput (BatchNorm folded at inference)
          resnet20-train    ResNet-20 TrainStep throughput
          cifar             the four above
          profile-lenet, profile-vgg, profile-resnet20
                            each layer's forward/backward time in a training step (one thread, batch 64), share and GFLOP/s
        Options:
          --threads N       threads for the network (needs a settable Threads property on the generated class; else 1)
          --quick           a short smoke run of a few seconds (for CI); figures are indicative only
          --epochs N        lenet-train: timed full epochs (default 3); the median epoch is reported
          --steps N         lenet-train: time blocks of N steps instead of full epochs
          --blocks N        lenet-train with --steps: number of timed blocks (default 5); vgg/resnet20: timed ~1 s blocks (default 10)
          --warmup N        warm-up steps / calls / passes before timing (defaults: train 200, b1 2000, b64 1)
          --iters N         lenet-infer-b1: timed calls (default 5000, at least 3000 recommended)
          --passes N        lenet-infer-b64: timed passes over the test set (default 10)
          --data DIR        Fashion-MNIST directory (default: FashionMnist.Load's search: Debian package, then subset)
          --seed N          seed of the weights and of the shuffles (default 42)
          --callers LIST    concurrent: comma-separated caller counts (default 1,2,8)
          --seconds X       concurrent: timed seconds per caller count (default 3, 1 with --quick)
          --peak G          per-core peak GFLOP/s used for pct_peak (default 117, Zen 4 FMA peak)
          --min-of N        profile-*: each layer's fastest of N single steps instead of the mean of 20 (robust to other load)
        """;

    public required string Command { get; init; }
    public int Threads { get; init; } = 1;
    public bool Quick { get; init; }
    public int? Epochs { get; init; }
    public int? Steps { get; init; }
    public int? Blocks { get; init; }
    public int? Warmup { get; init; }
    public int? Iterations { get; init; }
    public int? Passes { get; init; }
    public string? DataDirectory { get; init; }
    public int[]? Callers { get; init; }
    public double? Seconds { get; init; }
    public int Seed { get; init; } = 42;
    public double PeakGflopsPerCore { get; init; } = 117.0;

    /// <summary>profile-*: time this many single steps and report each layer's fastest, which other load on the machine cannot inflate (0: the mean of 20 steps).</summary>
    public int MinOf { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
            throw new UsageException(null);
        var options = new BenchOptions { Command = args[0] };
        for (int i = 1; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--quick")
            {
                options = options with { Quick = true };
                continue;
            }
            if (i + 1 >= args.Length) throw new UsageException($"Option {name} needs a value.");
            string value = args[++i];
            options = name switch
            {
                "--threads" => options with { Threads = Positive(name, value) },
                "--epochs" => options with { Epochs = Positive(name, value) },
                "--steps" => options with { Steps = Positive(name, value) },
                "--blocks" => options with { Blocks = Positive(name, value) },
                "--warmup" => options with { Warmup = NonNegative(name, value) },
                "--iters" => options with { Iterations = Positive(name, value) },
                "--passes" => options with { Passes = Positive(name, value) },
                "--data" => options with { DataDirectory = value },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--peak" => options with { PeakGflopsPerCore = PositiveDouble(name, value) },
                "--min-of" => options with { MinOf = Positive(name, value) },
                "--callers" => options with { Callers = value.Split(',').Select(part => Positive(name, part)).ToArray() },
                "--seconds" => options with { Seconds = PositiveDouble(name, value) },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new UsageException($"Option {name} takes a positive integer, not '{value}'.");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0
            ? n
            : throw new UsageException($"Option {name} takes an integer ≥ 0, not '{value}'.");

    private static double PositiveDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > 0
            ? x
            : throw new UsageException($"Option {name} takes a positive number, not '{value}'.");
}

/// <summary>A command-line mistake: the message (if any) and the usage text go to stderr, exit code 2.</summary>
internal sealed class UsageException(string? message) : Exception(message ?? "usage");
