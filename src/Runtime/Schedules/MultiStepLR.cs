namespace CnnCompiler;

/// <summary>
/// PyTorch's <c>MultiStepLR</c>: the base rate multiplied by <see cref="Gamma"/> once for every milestone reached,
/// <c>rate(t) = baseRate · gamma^(number of milestones ≤ t)</c>. A milestone given twice counts twice, as in PyTorch.
/// </summary>
public sealed class MultiStepLR : ILearningRateSchedule
{
    private readonly long[] _milestones;

    /// <param name="baseRate">The rate before the first milestone.</param>
    /// <param name="milestones">Steps (or epochs, with <see cref="LearningRateSchedules.PerEpoch"/>) at which the rate drops; each ≥ 1, in any order.</param>
    /// <param name="gamma">The factor applied at each milestone.</param>
    public MultiStepLR(float baseRate, ReadOnlySpan<long> milestones, double gamma = 0.1)
    {
        BaseRate = ScheduleChecks.Rate(baseRate, nameof(baseRate));
        for (int i = 0; i < milestones.Length; i++)
        {
            if (milestones[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(milestones), milestones[i], $"Milestone {i} must be ≥ 1; got {milestones[i]}.");
        }
        _milestones = milestones.ToArray();
        Array.Sort(_milestones);
        Gamma = ScheduleChecks.Gamma(gamma, nameof(gamma));
    }

    public float BaseRate { get; }

    /// <summary>The milestones in ascending order.</summary>
    public ReadOnlySpan<long> Milestones => _milestones;

    public double Gamma { get; }

    public float RateAt(long step)
    {
        ScheduleChecks.Step(step);
        int reached = 0;
        while (reached < _milestones.Length && _milestones[reached] <= step) reached++;
        return ScheduleChecks.ToRate(BaseRate * Math.Pow(Gamma, reached), step);
    }
}
