namespace CnnCompiler;

/// <summary>Updates a network's parameter span from its gradient span (both laid out alike).</summary>
public interface IOptimizer
{
    /// <summary>The learning rate of the next step; learning-rate schedules set it before each step.</summary>
    float LearningRate { get; set; }

    /// <summary>Steps taken so far.</summary>
    long StepCount { get; }

    /// <summary>Applies one update. State (momentum, moments) is sized on the first call and reused.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>A copy of the optimizer's state (step count and named per-parameter buffers), for checkpoints.</summary>
    OptimizerState GetState();

    /// <summary>Restores a state from <see cref="GetState"/>; throws <see cref="ArgumentException"/> naming what does not fit.</summary>
    void SetState(OptimizerState state);
}

/// <summary>
/// An optimizer's state: the step count and its per-parameter buffers by name (PyTorch's names where they exist:
/// <c>momentum_buffer</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>), each as long as the parameter span. Empty before the first step.
/// </summary>
public sealed record OptimizerState(long StepCount, IReadOnlyList<KeyValuePair<string, float[]>> Buffers);
