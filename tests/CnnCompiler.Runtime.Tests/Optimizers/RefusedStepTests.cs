using System.Runtime.InteropServices;

namespace CnnCompiler.Runtime.Tests.Optimizers;

/// <summary>
/// A step whose result would not be finite is refused and leaves the optimizer exactly as if it had never been asked:
/// the next good step is bitwise the one a twin that never saw the bad step takes. Steps that succeed allocate nothing.
/// </summary>
public class RefusedStepTests
{
    public static TheoryData<string> Kinds() => ["sgd", "sgd-momentum", "sgd-nesterov-decay", "adam", "adam-amsgrad", "adamw"];

    private static IOptimizer Create(string kind) => kind switch
    {
        "sgd" => new Sgd(0.1f),
        "sgd-momentum" => new Sgd(0.1f, momentum: 0.9f, dampening: 0.1f),
        "sgd-nesterov-decay" => new Sgd(0.1f, momentum: 0.9f, weightDecay: 0.01f, nesterov: true),
        "adam" => new Adam(0.01f, weightDecay: 0.01),
        "adam-amsgrad" => new Adam(0.01f, amsGrad: true),
        _ => new AdamW(0.01f),
    };

    private static float[] Values(int count, int seed) => Enumerable.Range(0, count).Select(i => MathF.Sin(seed * 100 + i) * 0.5f).ToArray();

    private static int[] Bits(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_refused_step_leaves_the_optimizer_as_its_twin_that_never_saw_it(string kind)
    {
        IOptimizer optimizer = Create(kind), twin = Create(kind);
        float[] p = Values(37, 1), q = Values(37, 1);
        optimizer.Step(p, Values(37, 2));
        twin.Step(q, Values(37, 2));

        float[] poisoned = Values(37, 3);
        poisoned[36] = float.PositiveInfinity;    // in the scalar tail after the vectors
        Assert.Throws<InvalidOperationException>(() => optimizer.Step(p, poisoned));
        poisoned[36] = 0f;
        poisoned[0] = float.NaN;                  // in the first vector
        Assert.Throws<InvalidOperationException>(() => optimizer.Step(p, poisoned));

        optimizer.Step(p, Values(37, 4));
        twin.Step(q, Values(37, 4));
        Assert.Equal(Bits(q), Bits(p));
        Assert.Equal(twin.StepCount, optimizer.StepCount);
        Assert.Equal(
            twin.GetState().Buffers.Select(b => (b.Key, Bits(b.Value))),
            optimizer.GetState().Buffers.Select(b => (b.Key, Bits(b.Value))));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Steps_after_the_first_allocate_nothing(string kind)
    {
        IOptimizer optimizer = Create(kind);
        float[] p = Values(1000, 1), g = Values(1000, 2);
        optimizer.Step(p, g);
        optimizer.Step(p, g);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) optimizer.Step(p, g);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
