using CnnCompiler.CompilerServices;
using System.Diagnostics;
using CnnCompiler.Bench.Networks;

namespace CnnCompiler.Bench;

/// <summary>
/// The LeNet-5 benchmarks. Every command warms up first (a number of calls and a minimum time, so that tiered
/// compilation has promoted the hot methods to optimized code), then times repetitions and reports their median.
/// The recipe matches the PyTorch peer (bench/pytorch_lenet.py): batch 64, SGD lr 0.05 momentum 0.9, Fashion-MNIST x/255.
/// </summary>
internal sealed partial class LeNetBenchmarks
{
    /// <summary>Images per training and inference batch.</summary>
    public const int BatchSize = 64;
    public const float LearningRate = 0.05f;
    public const float Momentum = 0.9f;

    /// <summary>
    /// Forward FLOPs per image: 2 × the multiply-adds of the convolution and dense layers (bias, ReLU, pooling and the
    /// loss not counted), the convention of the peer scripts and of the generated Summary(): 833,040.
    /// </summary>
    public const long ForwardFlopsPerImage = 2L * (
        6 * 28 * 28 * (1 * 5 * 5) +   // conv1: 6 maps of 28×28, each output 1×5×5 MACs (same padding)
        16 * 10 * 10 * (6 * 5 * 5) +  // conv2: 16 maps of 10×10, each output 6×5×5 MACs
        400 * 120 + 120 * 84 + 84 * 10);

    /// <summary>Training FLOPs per image: forward + gradient with respect to inputs + gradient with respect to weights ≈ 3 × forward.</summary>
    public const long TrainingFlopsPerImage = 3 * ForwardFlopsPerImage;

    private readonly BenchOptions _options;
    private readonly ThreadsSetting _threads;
    private readonly Dataset _train;
    private readonly Dataset _test;

    public LeNetBenchmarks(BenchOptions options)
    {
        _options = options;
        _threads = ThreadsSetting.For(options.Threads);
        var clock = Stopwatch.StartNew();
        (_train, _test, string source) = FashionMnist.Load(options.DataDirectory);
        Console.WriteLine($"INFO data={source} train={_train.Count} test={_test.Count} load_s={clock.Elapsed.TotalSeconds:F2} " +
                          $"runtime={Environment.Version} cores={Environment.ProcessorCount} quick={options.Quick} " +
                          $"threads_requested={options.Threads} threads_property={(_threads.Supported ? "yes" : "no")} " +
                          $"flops_per_img_fwd={ForwardFlopsPerImage} params={BenchLeNet5.ParameterCount}");
        if (!BenchLeNet5.Summary().Contains($"{ForwardFlopsPerImage:N0}", StringComparison.Ordinal))
            Console.WriteLine($"WARNING the generated Summary() does not state {ForwardFlopsPerImage:N0} forward FLOPs per sample; the GFLOP/s figures assume it.");
    }

    private int Threads => _threads.Effective;

    private double PeakGflops => _options.PeakGflopsPerCore * Threads;

    private double MinimumWarmupSeconds => _options.Quick ? 0.3 : 1.0;

    private BenchLeNet5 CreateNetwork()
    {
        var network = new BenchLeNet5(_options.Seed);
        _threads.Apply(network);
        return network;
    }

    /// <summary>lenet-train: images/s of full training steps (loader batch copy + TrainStep), median of timed epochs or blocks.</summary>
    public void Train()
    {
        BenchLeNet5 network = CreateNetwork();
        var optimizer = new Sgd(LearningRate, momentum: Momentum);
        var loader = new MiniBatchLoader(_train, BatchSize, seed: (ulong)_options.Seed);

        int warmupSteps = _options.Warmup ?? (_options.Quick ? 30 : 200);
        var warmup = Stopwatch.StartNew();
        int done = 0;
        while (done < warmupSteps || warmup.Elapsed.TotalSeconds < MinimumWarmupSeconds)
        {
            if (!loader.TryGetNext(out MiniBatch batch)) continue; // the epoch ended: the next call starts a new one
            network.TrainStep(batch.Inputs, batch.Labels, optimizer);
            done++;
        }
        loader.EndEpoch();
        Console.WriteLine($"INFO lenet-train warm-up: {done} steps in {warmup.Elapsed.TotalSeconds:F2} s");

        int? stepsPerBlock = _options.Steps ?? (_options.Quick && _options.Epochs is null ? 100 : null);
        bool byEpoch = stepsPerBlock is null;
        int blocks = byEpoch ? _options.Epochs ?? 3 : _options.Blocks ?? (_options.Quick ? 3 : 5);
        var rates = new List<double>();
        var loads = new List<double>();
        CpuMark overall = CpuMark.Now();
        for (int block = 1; block <= blocks; block++)
        {
            CpuMark mark = CpuMark.Now();
            long start = Stopwatch.GetTimestamp();
            long images = 0;
            int steps = 0;
            double lossSum = 0;
            if (byEpoch)
            {
                while (loader.TryGetNext(out MiniBatch batch))
                {
                    lossSum += network.TrainStep(batch.Inputs, batch.Labels, optimizer) * batch.Count;
                    images += batch.Count;
                    steps++;
                }
            }
            else
            {
                while (steps < stepsPerBlock)
                {
                    if (!loader.TryGetNext(out MiniBatch batch)) continue;
                    lossSum += network.TrainStep(batch.Inputs, batch.Labels, optimizer) * batch.Count;
                    images += batch.Count;
                    steps++;
                }
            }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            double load = mark.OtherLoadSince();
            rates.Add(images / seconds);
            loads.Add(load);
            new ResultLine("lenet_train_block").Add("block", block).Add("kind", byEpoch ? "epoch" : "steps")
                .Add("threads", Threads).Add("steps", steps).Add("images", images).Add("seconds", seconds, 3)
                .Add("img_per_s", images / seconds).Add("mean_loss", lossSum / images, 4).Add("other_load", load, 2).Print();
        }

        double coresUsed = overall.Since().CoresUsed;
        double accuracy = Evaluation.Accuracy(network, _test);
        double median = Stats.Median(rates);
        double gflops = median * TrainingFlopsPerImage / 1e9;
        var quiet = rates.Where((_, i) => loads[i] < CpuMark.QuietThreshold).ToList();
        new ResultLine("lenet_train").Add("threads", Threads).Add("batch", BatchSize)
            .Add("timed", byEpoch ? $"{blocks}_epochs" : $"{blocks}x{stepsPerBlock}_steps")
            .Add("img_per_s", median).Add("gflops", gflops, 2).Add("pct_peak", 100 * gflops / PeakGflops, 1)
            .Add("img_per_s_min", rates.Min()).Add("img_per_s_max", rates.Max())
            .Add("quiet_blocks", $"{quiet.Count}/{rates.Count}").Add("img_per_s_quiet_median", Stats.Median(quiet))
            .Add("test_acc", accuracy, 4).Add("flops_per_img", TrainingFlopsPerImage).Add("flops_convention", "3x_forward")
            .Add("peak_gflops", PeakGflops, 0).Add("cores_used", coresUsed, 2).Add("other_load_mean", loads.Average(), 2).Print();
    }

    /// <summary>lenet-infer-b1: the median wall time of one Predict call on one test image.</summary>
    public void InferBatch1()
    {
        BenchLeNet5 network = CreateNetwork();
        ReadOnlySpan<float> samples = _test.Samples;
        int count = _test.Count;
        var outputs = new float[BenchLeNet5.OutputLength];

        int warmupCalls = _options.Warmup ?? 2000;
        var warmup = Stopwatch.StartNew();
        int i = 0;
        for (; i < warmupCalls || warmup.Elapsed.TotalSeconds < MinimumWarmupSeconds; i++)
            network.Predict(samples.Slice(i % count * BenchLeNet5.InputLength, BenchLeNet5.InputLength), outputs);
        Console.WriteLine($"INFO lenet-infer-b1 warm-up: {i} calls in {warmup.Elapsed.TotalSeconds:F2} s");

        int iterations = _options.Iterations ?? (_options.Quick ? 3000 : 5000);
        const int Chunk = 500;
        var micros = new double[iterations];
        var quietMicros = new List<double>();
        var loads = new List<double>();
        double tickToMicros = 1e6 / Stopwatch.Frequency;
        CpuMark overall = CpuMark.Now();
        for (int chunkStart = 0; chunkStart < iterations; chunkStart += Chunk)
        {
            int chunkEnd = Math.Min(iterations, chunkStart + Chunk);
            CpuMark mark = CpuMark.Now();
            for (int k = chunkStart; k < chunkEnd; k++)
            {
                ReadOnlySpan<float> image = samples.Slice(k % count * BenchLeNet5.InputLength, BenchLeNet5.InputLength);
                long t0 = Stopwatch.GetTimestamp();
                network.Predict(image, outputs);
                micros[k] = (Stopwatch.GetTimestamp() - t0) * tickToMicros;
            }
            double load = mark.OtherLoadSince();
            loads.Add(load);
            if (load < CpuMark.QuietThreshold) quietMicros.AddRange(micros[chunkStart..chunkEnd]);
        }

        double coresUsed = overall.Since().CoresUsed;
        double median = Stats.Median(micros);
        new ResultLine("lenet_infer_b1").Add("threads", Threads).Add("iters", iterations)
            .Add("median_us", median, 2).Add("p10_us", Stats.Percentile(micros, 0.1), 2).Add("p90_us", Stats.Percentile(micros, 0.9), 2)
            .Add("p99_us", Stats.Percentile(micros, 0.99), 2).Add("min_us", micros.Min(), 2)
            .Add("quiet_iters", quietMicros.Count).Add("quiet_median_us", Stats.Median(quietMicros), 2)
            .Add("img_per_s", 1e6 / median).Add("cores_used", coresUsed, 2).Add("other_load_mean", loads.Average(), 2).Print();
    }

    /// <summary>lenet-infer-b64: images/s of Predict over the whole test set in batches of 64, median of timed passes.</summary>
    public void InferBatch64()
    {
        BenchLeNet5 network = CreateNetwork();
        var outputs = new float[BatchSize * BenchLeNet5.OutputLength];

        int warmupPasses = _options.Warmup ?? 1;
        var warmup = Stopwatch.StartNew();
        int passes = 0;
        while (passes < warmupPasses || warmup.Elapsed.TotalSeconds < MinimumWarmupSeconds)
        {
            PredictTestSet(network, outputs);
            passes++;
        }
        Console.WriteLine($"INFO lenet-infer-b64 warm-up: {passes} passes in {warmup.Elapsed.TotalSeconds:F2} s");

        int timedPasses = _options.Passes ?? (_options.Quick ? 3 : 10);
        var rates = new List<double>();
        var loads = new List<double>();
        CpuMark overall = CpuMark.Now();
        for (int pass = 0; pass < timedPasses; pass++)
        {
            CpuMark mark = CpuMark.Now();
            long start = Stopwatch.GetTimestamp();
            PredictTestSet(network, outputs);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            rates.Add(_test.Count / seconds);
            loads.Add(mark.OtherLoadSince());
        }

        double coresUsed = overall.Since().CoresUsed;
        double median = Stats.Median(rates);
        double gflops = median * ForwardFlopsPerImage / 1e9;
        var quiet = rates.Where((_, i) => loads[i] < CpuMark.QuietThreshold).ToList();
        new ResultLine("lenet_infer_b64").Add("threads", Threads).Add("batch", BatchSize).Add("passes", timedPasses)
            .Add("img_per_s", median).Add("gflops", gflops, 2).Add("pct_peak", 100 * gflops / PeakGflops, 1)
            .Add("img_per_s_min", rates.Min()).Add("img_per_s_max", rates.Max())
            .Add("quiet_passes", $"{quiet.Count}/{rates.Count}").Add("img_per_s_quiet_median", Stats.Median(quiet))
            .Add("flops_per_img", ForwardFlopsPerImage).Add("cores_used", coresUsed, 2).Add("other_load_mean", loads.Average(), 2).Print();
    }

    private void PredictTestSet(BenchLeNet5 network, float[] outputs)
    {
        ReadOnlySpan<float> samples = _test.Samples;
        for (int start = 0; start < _test.Count; start += BatchSize)
        {
            int n = Math.Min(BatchSize, _test.Count - start);
            network.Predict(samples.Slice(start * BenchLeNet5.InputLength, n * BenchLeNet5.InputLength), outputs.AsSpan(0, n * BenchLeNet5.OutputLength));
        }
    }

    /// <summary>
    /// alloc: managed bytes allocated per TrainStep and per Predict (batch 1 and 64) in steady state on the threads the
    /// library runs them on: the calling thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) and the worker
    /// pool's threads working for it (<see cref="WorkerPool.AllocatedBytesForCurrentThread"/>). Returns false unless
    /// both are 0. The whole process (precise <see cref="GC.GetTotalAllocatedBytes(bool)"/>) is printed too, but not
    /// held to 0: it includes the runtime's own threads (the finalizer's work after a collection, the JIT's background
    /// compiler), which allocate on a schedule of their own.
    /// </summary>
    public bool Allocations()
    {
        BenchLeNet5 network = CreateNetwork();
        var optimizer = new Sgd(LearningRate, momentum: Momentum);
        var loader = new MiniBatchLoader(_train, BatchSize, seed: (ulong)_options.Seed);
        loader.TryGetNext(out MiniBatch first);
        float[] inputs = first.Inputs.ToArray();
        int[] labels = first.Labels.ToArray();
        ReadOnlySpan<float> one = inputs.AsSpan(0, BenchLeNet5.InputLength);
        var outputs = new float[BatchSize * BenchLeNet5.OutputLength];

        // Warm up every path, long enough for tiered compilation to settle.
        var warmup = Stopwatch.StartNew();
        for (int i = 0; i < 20 || warmup.Elapsed.TotalSeconds < MinimumWarmupSeconds; i++)
        {
            network.TrainStep(inputs, labels, optimizer);
            for (int k = 0; k < 10; k++) network.Predict(one, outputs.AsSpan(0, BenchLeNet5.OutputLength));
            network.Predict(inputs, outputs);
        }

        int repeats = _options.Iterations ?? 100;
        bool ok = true;
        ok &= Report("lenet_train_alloc", "bytes_per_step", repeats, () => network.TrainStep(inputs, labels, optimizer));
        ok &= Report("lenet_predict_b1_alloc", "bytes_per_call", repeats,
            () => network.Predict(inputs.AsSpan(0, BenchLeNet5.InputLength), outputs.AsSpan(0, BenchLeNet5.OutputLength)));
        ok &= Report("lenet_predict_b64_alloc", "bytes_per_call", repeats, () => network.Predict(inputs, outputs));
        return ok;

        bool Report(string name, string key, int n, Action call)
        {
            call(); // the delegate itself is cached after its first use
            // Three measurements, keeping the one with the fewest bytes on our threads: an allocation of the measured call
            // shows in every one, a one-time lazy allocation (the first wait on an event creates its lock) in one only.
            long threadBytes = long.MaxValue, workerBytes = long.MaxValue, processBytes = long.MaxValue;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                long thread0 = GC.GetAllocatedBytesForCurrentThread(), workers0 = WorkerPool.AllocatedBytesForCurrentThread;
                long process0 = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < n; i++) call();
                long process = GC.GetTotalAllocatedBytes(precise: true) - process0;
                long thread = GC.GetAllocatedBytesForCurrentThread() - thread0, workers = WorkerPool.AllocatedBytesForCurrentThread - workers0;
                if (thread + workers < threadBytes + workerBytes || attempt == 0) (threadBytes, workerBytes, processBytes) = (thread, workers, process);
            }
            new ResultLine(name).Add(key, (double)(threadBytes + workerBytes) / n, 0).Add("worker_" + key, (double)workerBytes / n, 0)
                .Add("process_" + key, (double)processBytes / n, 0).Add("threads", Threads).Add("calls", n).Print();
            if (threadBytes != 0 || workerBytes != 0)
            {
                Console.WriteLine($"FAIL {name}: {threadBytes} bytes on the calling thread and {workerBytes} on the worker threads over {n} calls (expected 0).");
                return false;
            }
            return true;
        }
    }
}
