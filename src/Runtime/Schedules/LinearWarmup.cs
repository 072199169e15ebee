namespace CnnCompiler;

/// <summary>
/// Linear warmup over any schedule: the inner rate multiplied by a factor that grows linearly from
/// <see cref="StartFactor"/> at step 0 to 1 at <see cref="WarmupSteps"/>, and stays 1 afterwards:
/// <code>rate(t) = inner(t) · (startFactor + (1 − startFactor) · min(t, warmupSteps) / warmupSteps)</code>
/// This is PyTorch's <c>ChainedScheduler([LinearLR(start_factor, total_iters=warmupSteps), inner])</c>: the inner
/// schedule's clock is not delayed by the warmup.
/// </summary>
public sealed class LinearWarmup : ILearningRateSchedule
{
    /// <param name="inner">The schedule being warmed up.</param>
    /// <param name="warmupSteps">Steps until the factor reaches 1; ≥ 1.</param>
    /// <param name="startFactor">The factor at step 0, in [0, 1].</param>
    public LinearWarmup(ILearningRateSchedule inner, long warmupSteps, double startFactor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSteps, 1);
        if (!(startFactor >= 0 && startFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "The start factor must be between 0 and 1.");
        Inner = inner;
        WarmupSteps = warmupSteps;
        StartFactor = startFactor;
    }

    public ILearningRateSchedule Inner { get; }

    public long WarmupSteps { get; }

    public double StartFactor { get; }

    public float RateAt(long step)
    {
        ScheduleChecks.Step(step);
        float inner = Inner.RateAt(step);
        if (step >= WarmupSteps) return inner;
        double factor = StartFactor + (1 - StartFactor) * step / WarmupSteps;
        return ScheduleChecks.ToRate(inner * factor, step);
    }
}
