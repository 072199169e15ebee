namespace CnnCompiler;

/// <summary>
/// Runs an epoch-based schedule on optimizer steps: step t is in epoch ⌊t / stepsPerEpoch⌋, and the inner schedule is
/// evaluated there, so the rate changes only at epoch boundaries, as when a PyTorch scheduler steps once per epoch.
/// Build with <see cref="LearningRateSchedules.PerEpoch"/>.
/// </summary>
public sealed class PerEpochSchedule : ILearningRateSchedule
{
    public PerEpochSchedule(ILearningRateSchedule epochSchedule, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(epochSchedule);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        EpochSchedule = epochSchedule;
        StepsPerEpoch = stepsPerEpoch;
    }

    public ILearningRateSchedule EpochSchedule { get; }

    /// <summary>Optimizer steps in one epoch (a loader's <c>BatchesPerEpoch</c>).</summary>
    public int StepsPerEpoch { get; }

    public float RateAt(long step)
    {
        ScheduleChecks.Step(step);
        return EpochSchedule.RateAt(step / StepsPerEpoch);
    }
}
