namespace CnnCompiler;

/// <summary>PyTorch's <c>ExponentialLR</c>: <c>rate(t) = baseRate · gamma^t</c>.</summary>
public sealed class ExponentialLR : ILearningRateSchedule
{
    public ExponentialLR(float baseRate, double gamma)
    {
        BaseRate = ScheduleChecks.Rate(baseRate, nameof(baseRate));
        Gamma = ScheduleChecks.Gamma(gamma, nameof(gamma));
    }

    public float BaseRate { get; }

    public double Gamma { get; }

    public float RateAt(long step)
    {
        ScheduleChecks.Step(step);
        return ScheduleChecks.ToRate(BaseRate * Math.Pow(Gamma, step), step);
    }
}
