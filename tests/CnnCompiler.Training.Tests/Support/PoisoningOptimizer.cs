namespace CnnCompiler.Training.Tests.Support;

/// <summary>SGD that, at one given step, writes NaN into the parameters: the next step's loss is NaN, at a known place.</summary>
internal sealed class PoisoningOptimizer(long poisonAtStep) : IOptimizer
{
    private readonly Sgd _sgd = new(0.01f);

    public float LearningRate
    {
        get => _sgd.LearningRate;
        set => _sgd.LearningRate = value;
    }

    public long StepCount => _sgd.StepCount;

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        _sgd.Step(parameters, gradients);
        if (_sgd.StepCount == poisonAtStep) parameters.Fill(float.NaN);
    }

    public OptimizerState GetState() => _sgd.GetState();

    public void SetState(OptimizerState state) => _sgd.SetState(state);
}
