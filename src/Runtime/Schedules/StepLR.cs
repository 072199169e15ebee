namespace CnnCompiler;

/// <summary>
/// PyTorch's <c>StepLR</c>: the base rate multiplied by <see cref="Gamma"/> every <see cref="StepSize"/> steps,
/// <c>rate(t) = baseRate · gamma^⌊t / stepSize⌋</c>. Wrap it with <see cref="LearningRateSchedules.PerEpoch"/> for a step
/// size in epochs.
/// </summary>
public sealed class StepLR : ILearningRateSchedule
{
    public StepLR(float baseRate, long stepSize, double gamma = 0.1)
    {
        BaseRate = ScheduleChecks.Rate(baseRate, nameof(baseRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        StepSize = stepSize;
        Gamma = ScheduleChecks.Gamma(gamma, nameof(gamma));
    }

    public float BaseRate { get; }

    public long StepSize { get; }

    public double Gamma { get; }

    public float RateAt(long step)
    {
        ScheduleChecks.Step(step);
        return ScheduleChecks.ToRate(BaseRate * Math.Pow(Gamma, step / StepSize), step);
    }
}
