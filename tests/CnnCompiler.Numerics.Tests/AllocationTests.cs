using CnnCompiler.CompilerServices;
using CnnCompiler.Numerics.Tests.Networks;

namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// After warm-up, inference and training steps allocate nothing on the threads they run on: 20 calls in a row leave
/// GC.GetAllocatedBytesForCurrentThread and WorkerPool.AllocatedBytesForCurrentThread (what the worker pool's threads
/// allocated for this thread's calls) where they were. Other threads of the process are not counted: the runtime's
/// own (JIT, finalizer) allocate on a schedule of their own. Lazily created state whose moment depends on thread timing
/// is windowed out: the 20-call window is measured up to ten times and one clean window passes; an allocation in every
/// call shows up in every window. (The worker pool's own lazy state, the lock of the event a caller first has to block
/// on, is made with the pool: WorkerPoolAllocationTests.)
/// </summary>
public class AllocationTests
{
    private const int Calls = 20;

    private readonly LeNet5 _network = new(1);
    private readonly float[] _inputs = new float[64 * LeNet5.InputLength];
    private readonly int[] _labels = new int[64];
    private readonly float[] _outputs = new float[64 * LeNet5.OutputLength];
    private readonly int[] _predicted = new int[64];

    public AllocationTests()
    {
        var random = new Random(3);
        for (int i = 0; i < _inputs.Length; i++) _inputs[i] = (float)random.NextDouble();
        for (int i = 0; i < _labels.Length; i++) _labels[i] = random.Next(10);
    }

    [Fact]
    public void Predict_one_sample_allocates_nothing() =>
        AssertNoAllocation(() => _network.Predict(_inputs.AsSpan(0, LeNet5.InputLength), _outputs.AsSpan(0, LeNet5.OutputLength)));

    [Fact]
    public void Predict_64_samples_allocates_nothing() => AssertNoAllocation(() => _network.Predict(_inputs, _outputs));

    [Fact]
    public void PredictLogits_allocates_nothing()
    {
        AssertNoAllocation(() => _network.PredictLogits(_inputs.AsSpan(0, LeNet5.InputLength), _outputs.AsSpan(0, LeNet5.OutputLength)));
        AssertNoAllocation(() => _network.PredictLogits(_inputs, _outputs));
    }

    [Fact]
    public void Classify_allocates_nothing()
    {
        AssertNoAllocation(() => _predicted[0] = _network.Classify(_inputs.AsSpan(0, LeNet5.InputLength)));
        AssertNoAllocation(() => _network.Classify(_inputs, _predicted));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainStep_with_a_warmed_up_Sgd_allocates_nothing(int threads)
    {
        _network.Threads = threads;
        var optimizer = new Sgd(0.01f, momentum: 0.9f);
        AssertNoAllocation(() => _network.TrainStep(_inputs, _labels, optimizer));
        // The training-mode logits come back from the workers' workspaces without allocating either.
        AssertNoAllocation(() => _network.ComputeGradients(_inputs, _labels, default, _outputs));
    }

    private static void AssertNoAllocation(Action call)
    {
        // Tiered compilation replaces methods during the first few hundred calls, and the runtime may allocate while it
        // does; steady state is reached when a whole window allocates nothing. Our own code allocating would show in
        // every window, always the same amount.
        for (int i = 0; i < 50; i++) call();
        var windows = new List<long>();
        for (int window = 0; window < 10; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread;
            for (int i = 0; i < Calls; i++) call();
            windows.Add(GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread - before);
            if (windows[^1] == 0) return;
        }
        Assert.Fail($"Every window of {Calls} calls after warm-up allocated: {string.Join(", ", windows)} bytes.");
    }
}
