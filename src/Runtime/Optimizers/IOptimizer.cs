namespace CnnCompiler;

/// <summary>Updates a network's parameter span from its gradient span (both laid out alike).</summary>
public interface IOptimizer
{
    /// <summary>The learning rate of the next step; learning-rate schedules set it before each step.</summary>
    float LearningRate { get; set; }

    /// <summary>Steps taken so far.</summary>
    long StepCount { get; }

    /// <summary>
    /// Applies one update. State (momentum, moments) is sized on the first call and reused. The built-in optimizers
    /// refuse a step whose new parameters or state would not be finite with an <see cref="InvalidOperationException"/>,
    /// leaving both as they were.
    /// </summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>A copy of the optimizer's state (step count and named per-parameter buffers), for checkpoints.</summary>
    OptimizerState GetState();

    /// <summary>
    /// Restores a state from <see cref="GetState"/>; throws <see cref="ArgumentException"/> naming what does not fit or
    /// is out of range (a step count above <see cref="OptimizerState.MaxStepCount"/>, a buffer value that is not finite, a
    /// negative second moment), and then changes nothing.
    /// </summary>
    void SetState(OptimizerState state);
}

/// <summary>
/// An optimizer's state: the step count and its per-parameter buffers by name (PyTorch's names where they exist:
/// <c>momentum_buffer</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>), each as long as the parameter span. Empty before the first step.
/// </summary>
public sealed record OptimizerState(long StepCount, IReadOnlyList<KeyValuePair<string, float[]>> Buffers)
{
    /// <summary>
    /// The largest step count an optimizer takes in a state (2^53): counts up to it are exact in the double-precision
    /// bias corrections and schedules, and a count there cannot overflow in any number of steps that can be run.
    /// </summary>
    public const long MaxStepCount = 1L << 53;
}
