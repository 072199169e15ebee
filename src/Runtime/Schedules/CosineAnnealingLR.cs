namespace CnnCompiler;

/// <summary>
/// PyTorch's <c>CosineAnnealingLR</c> in its closed form (SGDR without restarts):
/// <c>rate(t) = etaMin + (baseRate − etaMin)·(1 + cos(π·t / tMax)) / 2</c>. The rate falls from the base rate at t = 0 to
/// <see cref="EtaMin"/> at t = <see cref="TMax"/>; past it the formula continues, rising again over the next
/// <see cref="TMax"/> steps, as PyTorch's does.
/// </summary>
public sealed class CosineAnnealingLR : ILearningRateSchedule
{
    /// <param name="baseRate">The rate at step 0.</param>
    /// <param name="tMax">Steps (or epochs, with <see cref="LearningRateSchedules.PerEpoch"/>) from the base rate down to <paramref name="etaMin"/>.</param>
    /// <param name="etaMin">The lowest rate.</param>
    public CosineAnnealingLR(float baseRate, long tMax, float etaMin = 0f)
    {
        BaseRate = ScheduleChecks.Rate(baseRate, nameof(baseRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(tMax, 1);
        TMax = tMax;
        EtaMin = ScheduleChecks.Rate(etaMin, nameof(etaMin));
    }

    public float BaseRate { get; }

    public long TMax { get; }

    public float EtaMin { get; }

    public float RateAt(long step)
    {
        ScheduleChecks.Step(step);
        double etaMin = EtaMin;
        return ScheduleChecks.ToRate(etaMin + (BaseRate - etaMin) * (1 + Math.Cos(Math.PI * step / TMax)) / 2, step);
    }
}
