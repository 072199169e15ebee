using System.Diagnostics;
using CnnCompiler.Bench.Networks;

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
        IClassifier network = model == "vgg" ? new BenchVggSmall(options.Seed) : new BenchResNet20(options.Seed);
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
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++) Step();
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
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

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
