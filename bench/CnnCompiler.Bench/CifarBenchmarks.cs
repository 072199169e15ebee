using CnnCompiler.CompilerServices;
using System.Diagnostics;
using CnnCompiler.Bench.Networks;
using CnnCompiler.Samples.Architectures;

namespace CnnCompiler.Bench;

/// <summary>
/// VGG-small and ResNet-20 on random 3×32×32 batches of 64, timed as ../shared/bench/pytorch/cnn_throughput.py times
/// PyTorch: a warm-up, then blocks of about one second each, the median block reported, with the quiet median (blocks
/// in which other processes used less than 10% of the CPUs). Forward = Predict (inference: running statistics, folded
/// BatchNorm); training step = TrainStep with SGD lr 0.01 momentum 0.9.
/// </summary>
internal sealed class CifarBenchmarks(BenchOptions options)
{
    private const int BatchSize = 64;

    public void Forward(string model) => Run(model, training: false);

    public void Train(string model) => Run(model, training: true);

    private void Run(string model, bool training)
    {
        IClassifier network = model == "vgg" ? new BenchVggSmall(options.Seed) : new ResNet20(options.Seed);
        network.Threads = options.Threads;
        long flops = network.LayerList.Sum(layer => layer.Flops);
        var random = new Random(options.Seed);
        float[] inputs = Enumerable.Range(0, BatchSize * network.InputLength).Select(_ => (float)Gaussian(random)).ToArray();
        int[] labels = Enumerable.Range(0, BatchSize).Select(_ => random.Next(10)).ToArray();
        var outputs = new float[BatchSize * network.OutputLength];
        var optimizer = new Sgd(0.01f, momentum: 0.9f);
        void Step()
        {
            if (training) network.TrainStep(inputs, labels, optimizer);
            else network.Predict(inputs, outputs);
        }

        double warmupSeconds = options.Quick ? 0.5 : 2.0;
        var clock = Stopwatch.StartNew();
        int warm = 0;
        while (warm < 3 || clock.Elapsed.TotalSeconds < warmupSeconds) { Step(); warm++; }
        double one = clock.Elapsed.TotalSeconds / warm;
        int iterations = Math.Max(2, (int)Math.Round((options.Quick ? 0.5 : 1.0) / one));
        int blocks = options.Blocks ?? (options.Quick ? 3 : 10);

        var rates = new List<double>();
        var loads = new List<double>();
        long allocated = 0; // by the steps only (reading /proc for the load estimate allocates)
        for (int block = 0; block < blocks; block++)
        {
            CpuMark mark = CpuMark.Now();
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread;
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++) Step();
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            allocated += GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread - allocatedBefore;
            rates.Add(BatchSize * iterations / seconds);
            loads.Add(mark.OtherLoadSince());
        }
        double median = Stats.Median(rates);
        var quiet = rates.Where((_, i) => loads[i] < CpuMark.QuietThreshold).ToList();
        double flopsPerImage = training ? 3.0 * flops : flops;
        double gflops = median * flopsPerImage / 1e9;
        new ResultLine(training ? "cnn_train_step" : "cnn_forward").Add("model", model).Add("threads", options.Threads).Add("batch", BatchSize)
            .Add("flops_per_img_fwd", flops).Add("params", network.ParameterCount).Add("iters_per_block", iterations)
            .Add("img_per_s_median", median).Add("img_per_s_min", rates.Min()).Add("img_per_s_max", rates.Max())
            .Add("quiet_blocks", $"{quiet.Count}/{rates.Count}").Add("img_per_s_quiet_median", Stats.Median(quiet))
            .Add("gflops_median", gflops, 2).Add("pct_peak", 100 * gflops / (options.PeakGflopsPerCore * options.Threads), 1)
            .Add("allocated_bytes_per_step", (double)allocated / (blocks * iterations), 1).Add("other_load_mean", loads.Average(), 2).Print();
    }

    /// <summary>
    /// profile-MODEL: each layer's share of a training step (ProfileLayers: --threads workers, the first one timed, batch 64, mean of 20 steps) and
    /// its GFLOP/s (forward: its FLOPs; backward: twice its FLOPs, input and weight gradients).
    /// </summary>
    public void Profile(string model)
    {
        var random = new Random(options.Seed);
        IClassifier network = model switch
        {
            "lenet" => new BenchLeNet5(options.Seed),
            "vgg" => new BenchVggSmall(options.Seed),
            _ => new ResNet20(options.Seed),
        };
        float[] inputs = Enumerable.Range(0, BatchSize * network.InputLength).Select(_ => (float)Gaussian(random)).ToArray();
        int[] labels = Enumerable.Range(0, BatchSize).Select(_ => random.Next(10)).ToArray();
        int repeats = options.Quick ? 3 : 20;
        Func<int, LayerTiming[]> profile = network switch
        {
            BenchLeNet5 lenet => r => lenet.ProfileLayers(inputs, labels, r, options.Threads),
            BenchVggSmall vgg => r => vgg.ProfileLayers(inputs, labels, r, options.Threads),
            ResNet20 resnet => r => resnet.ProfileLayers(inputs, labels, r, options.Threads),
            _ => throw new InvalidOperationException(),
        };
        // Warm-up: every layer method runs once per step, so it takes a few hundred steps (and the tier-up delay) before
        // tiered compilation has replaced all of them with optimized code.
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < (options.Quick ? 1 : 4)) profile(10);
        LayerTiming[] timings = options.MinOf > 0 ? FastestOf(profile, options.MinOf) : profile(repeats);
        double total = timings.Sum(t => t.TotalMicroseconds);
        // With several workers the timed one handles its slice of the batch.
        int timedSamples = (BatchSize + options.Threads - 1) / options.Threads;
        string statistic = options.MinOf > 0 ? $"each layer's fastest of {options.MinOf} steps" : $"mean of {repeats} steps";
        Console.WriteLine($"INFO profile model={model} batch={BatchSize} threads={options.Threads} (first worker timed) step_ms={total / 1000:F2} ({statistic})");
        Console.WriteLine($"{"layer",-24} {"kind",-18} {"fwd ms",8} {"bwd ms",8} {"share",7} {"fwd GF/s",9} {"bwd GF/s",9}");
        foreach (LayerTiming t in timings)
        {
            double forwardGflops = t.Flops > 0 && t.ForwardMicroseconds > 0 ? t.Flops * timedSamples / (t.ForwardMicroseconds * 1e3) : double.NaN;
            double backwardGflops = t.Flops > 0 && t.BackwardMicroseconds > 0 ? 2.0 * t.Flops * timedSamples / (t.BackwardMicroseconds * 1e3) : double.NaN;
            Console.WriteLine($"{t.Layer,-24} {t.Kind,-18} {t.ForwardMicroseconds / 1000,8:F3} {t.BackwardMicroseconds / 1000,8:F3} {100 * t.TotalMicroseconds / total,6:F1}% {forwardGflops,9:F1} {backwardGflops,9:F1}");
            new ResultLine("layer_profile").Add("model", model).Add("layer", t.Layer).Add("kind", t.Kind)
                .Add("fwd_ms", t.ForwardMicroseconds / 1000, 4).Add("bwd_ms", t.BackwardMicroseconds / 1000, 4)
                .Add("share_pct", 100 * t.TotalMicroseconds / total, 2).Add("fwd_gflops", forwardGflops, 1).Add("bwd_gflops", backwardGflops, 1).Print();
        }
    }

    /// <summary>Each layer's fastest forward and backward over <paramref name="steps"/> single-step profiles.</summary>
    private static LayerTiming[] FastestOf(Func<int, LayerTiming[]> profile, int steps)
    {
        LayerTiming[] best = profile(1);
        for (int s = 1; s < steps; s++)
        {
            LayerTiming[] next = profile(1);
            for (int i = 0; i < best.Length; i++)
            {
                best[i] = best[i] with
                {
                    ForwardMicroseconds = Math.Min(best[i].ForwardMicroseconds, next[i].ForwardMicroseconds),
                    BackwardMicroseconds = Math.Min(best[i].BackwardMicroseconds, next[i].BackwardMicroseconds),
                };
            }
        }
        return best;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
