namespace CnnCompiler;

/// <summary>
/// A learning rate as a function of the optimizer step: a closed form, with no state, so that resuming from a
/// checkpoint (which restores <see cref="IOptimizer.StepCount"/>) resumes the schedule too.
/// <para>
/// The unit of <c>step</c> is whatever the schedule is applied with. Applied directly, it is the optimizer step (the
/// mini-batch); wrapped by <see cref="LearningRateSchedules.PerEpoch"/>, the schedule sees the epoch instead, as a
/// PyTorch scheduler stepped once per epoch does. Schedules nest: a per-epoch cosine curve with a per-step warmup is
/// <c>new CosineAnnealingLR(0.1f, 50).PerEpoch(stepsPerEpoch).WithWarmup(500, 0.01)</c>.
/// </para>
/// <para>
/// Before each optimizer step a trainer calls <see cref="LearningRateSchedules.ApplyTo"/>, which sets
/// <c>optimizer.LearningRate = RateAt(optimizer.StepCount)</c>. Implement this interface for a schedule of your own.
/// </para>
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate of step <paramref name="step"/> (zero-based: 0 is the first step); a finite value ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    float RateAt(long step);
}
