using System.Globalization;

namespace CnnCompiler.Endurance.Tests;

/// <summary>
/// Short soaks, each in a child process of its own so that nothing else in the process allocates while the bytes are
/// counted: after one warm-up epoch, every training step of <see cref="Trainer.Fit"/> allocates nothing, and the live
/// heap does not grow. (Long version: `CnnCompiler.Endurance soak --epochs 30`.)
/// </summary>
public class SoakTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lenet5", 5, 2000)]
    [InlineData("small", 4, 2000)] // BatchNorm and dropout
    public void Training_steps_allocate_nothing_after_warm_up_and_the_heap_stays_flat(string net, int epochs, int samples)
    {
        using ChildProcess child = ChildProcess.Start(
            ["soak", "--net", net, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--samples", samples.ToString(CultureInfo.InvariantCulture)]);
        int exit = child.WaitForExit(TimeSpan.FromMinutes(3));
        string text = string.Join('\n', child.Lines);
        output.WriteLine(text);

        string result = child.Lines.Single(l => l.StartsWith("RESULT soak ", StringComparison.Ordinal));
        Dictionary<string, string> fields = result.Split(' ').Skip(2).Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        long Field(string name) => long.Parse(fields[name], CultureInfo.InvariantCulture);

        Assert.True(Field("steps_after_warmup") >= (epochs - 1) * 30, result);
        // Nothing on the training thread; process-wide, the tiered JIT may allocate a few bytes on its own thread once in
        // thousands of steps (see SoakReport.ZeroAllocationsPerStep), while a step that allocates does so every time.
        Assert.Equal(0, Field("thread_step_bytes_after_warmup"));
        Assert.True(Field("step_bytes_after_warmup") < Field("steps_after_warmup"), result);
        Assert.True(Field("live_heap_growth_bytes") < 256 * 1024, result);
        Assert.True(Field("boundary_bytes_per_epoch") < 1024 * 1024, result);
        Assert.Equal("PASS", fields["outcome"]);
        Assert.Equal(0, exit);
    }
}
