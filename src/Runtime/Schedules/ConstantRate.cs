namespace CnnCompiler;

/// <summary>The same rate at every step.</summary>
public sealed class ConstantRate : ILearningRateSchedule
{
    public ConstantRate(float rate) => Rate = ScheduleChecks.Rate(rate, nameof(rate));

    public float Rate { get; }

    public float RateAt(long step)
    {
        ScheduleChecks.Step(step);
        return Rate;
    }
}
