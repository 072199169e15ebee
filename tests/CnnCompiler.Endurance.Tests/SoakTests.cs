using System.Globalization;

namespace CnnCompiler.Endurance.Tests;

/// <summary>
/// Short soaks, each in a child process of its own: after one warm-up epoch, no training step of
/// <see cref="Trainer.Fit"/> allocates a byte on the threads the library trains on (the training thread and the worker
/// pool's threads), and the live heap does not grow. (Long version: `CnnCompiler.Endurance soak --epochs 30`.)
/// The process-wide count is not held to zero: it includes the runtime's own threads (the finalizer's work after a
/// collection, the JIT's background compiler), whose timing depends on the CPU, the load and the JIT's progress.
/// </summary>
public class SoakTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lenet5", 5, 2000, 1)]
    [InlineData("small", 4, 2000, 2)] // BatchNorm (workers meeting at a barrier) and dropout, on the worker pool
    public void Training_steps_allocate_nothing_after_warm_up_and_the_heap_stays_flat(string net, int epochs, int samples, int threads)
    {
        Dictionary<string, string> fields = Soak(["--net", net, "--epochs", Text(epochs), "--samples", Text(samples), "--threads", Text(threads)]);
        long Field(string name) => long.Parse(fields[name], CultureInfo.InvariantCulture);

        Assert.True(Field("steps_after_warmup") >= (epochs - 1) * 30);
        Assert.Equal(0, Field("thread_step_bytes_after_warmup"));
        Assert.Equal(0, Field("worker_step_bytes_after_warmup"));
        Assert.Equal(0, Field("our_step_bytes_after_warmup"));
        Assert.True(Field("live_heap_growth_bytes") < 256 * 1024);
        Assert.True(Field("boundary_bytes_per_epoch") < 1024 * 1024);
        Assert.Equal("PASS", fields["outcome"]);
    }

    /// <summary>
    /// The failure seen on an AMD EPYC machine, made to happen on any machine: the runtime allocates on a thread of its
    /// own inside the measured steps (a full collection mid-epoch whose finalizer allocates 1,008 bytes on the finalizer
    /// thread, as the runtime's gen2 callbacks did there), while the JIT tiers code up during the measured epochs (call
    /// counting at 100 calls instead of 30, with the background compiler's thread stopping whenever it is idle). The
    /// process-wide count sees those bytes, so the old check (under one byte per step process-wide) fails; the
    /// library's threads still allocate nothing.
    /// </summary>
    [Fact]
    public void Allocations_by_the_runtimes_own_threads_during_the_steps_are_not_charged_to_the_library()
    {
        Dictionary<string, string> fields = Soak(["--net", "lenet5", "--epochs", "4", "--samples", "2000", "--threads", "2", "--runtime-noise", "1008"],
            new Dictionary<string, string>
            {
                ["DOTNET_TieredPGO"] = "1",
                ["DOTNET_TC_CallCountThreshold"] = "100",
                ["DOTNET_TC_BackgroundWorkerTimeoutMs"] = "0",
            });
        long Field(string name) => long.Parse(fields[name], CultureInfo.InvariantCulture);

        long steps = Field("steps_after_warmup");
        Assert.True(Field("process_step_bytes_after_warmup") >= 3 * 1008, "the runtime's allocations were not seen process-wide");
        Assert.True(Field("process_step_bytes_after_warmup") >= steps, "the old process-wide check would have passed: the noise is too small to show anything");
        Assert.Equal(0, Field("our_step_bytes_after_warmup"));
        Assert.Equal("PASS", fields["outcome"]);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private Dictionary<string, string> Soak(string[] options, IReadOnlyDictionary<string, string>? environment = null)
    {
        using ChildProcess child = ChildProcess.Start(["soak", .. options], environment);
        int exit = child.WaitForExit(TimeSpan.FromMinutes(3));
        output.WriteLine(string.Join('\n', child.Lines));

        string result = child.Lines.Single(l => l.StartsWith("RESULT soak ", StringComparison.Ordinal));
        Assert.Equal(0, exit);
        return result.Split(' ').Skip(2).Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
    }
}
