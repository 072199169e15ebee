namespace CnnCompiler.Robustness.Tests.Support;

/// <summary>
/// SGD whose <see cref="Step"/> signals <paramref name="inside"/> and then waits for <paramref name="release"/>: it holds a
/// training step open at a known point, the parameters half updated (the first half already moved), so that tests can
/// call the network from another thread meanwhile, deterministically.
/// </summary>
internal sealed class BlockingOptimizer(ManualResetEventSlim inside, ManualResetEventSlim release) : IOptimizer
{
    private readonly Sgd _sgd = new(0.5f);

    public float LearningRate
    {
        get => _sgd.LearningRate;
        set => _sgd.LearningRate = value;
    }

    public long StepCount => _sgd.StepCount;

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        int half = parameters.Length / 2;
        _sgd.Step(parameters[..half], gradients[..half]);
        inside.Set();
        if (!release.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("The test never released the blocked optimizer step.");
        new Sgd(_sgd.LearningRate).Step(parameters[half..], gradients[half..]);
    }

    public OptimizerState GetState() => _sgd.GetState();

    public void SetState(OptimizerState state) => _sgd.SetState(state);
}
