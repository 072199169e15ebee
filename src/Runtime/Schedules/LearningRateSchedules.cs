namespace CnnCompiler;

/// <summary>Composition and application of <see cref="ILearningRateSchedule"/>s.</summary>
public static class LearningRateSchedules
{
    /// <summary>
    /// Evaluates <paramref name="epochSchedule"/> at the epoch of each step (step ÷ <paramref name="stepsPerEpoch"/>,
    /// rounded down), so its curve is in epochs and the rate stays constant within an epoch.
    /// </summary>
    public static ILearningRateSchedule PerEpoch(this ILearningRateSchedule epochSchedule, int stepsPerEpoch) =>
        new PerEpochSchedule(epochSchedule, stepsPerEpoch);

    /// <summary>Multiplies <paramref name="schedule"/> by a linear warmup factor; see <see cref="LinearWarmup"/>.</summary>
    public static ILearningRateSchedule WithWarmup(this ILearningRateSchedule schedule, long warmupSteps, double startFactor) =>
        new LinearWarmup(schedule, warmupSteps, startFactor);

    /// <summary>
    /// Sets <paramref name="optimizer"/>'s learning rate to the rate of its next step, <c>RateAt(optimizer.StepCount)</c>,
    /// and returns it. Call before every <see cref="IOptimizer.Step"/> (or <c>TrainStep</c>).
    /// </summary>
    public static float ApplyTo(this ILearningRateSchedule schedule, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(optimizer);
        float rate = schedule.RateAt(optimizer.StepCount);
        optimizer.LearningRate = rate;
        return rate;
    }
}
