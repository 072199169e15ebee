namespace CnnCompiler.Runtime.Tests.Schedules;

/// <summary>Constant, step, multi-step and exponential decay against rates worked out by hand.</summary>
public class DecaySchedulesTests
{
    [Fact]
    public void Constant_rate_is_the_same_at_every_step()
    {
        ScheduleAssert.Rates(new ConstantRate(0.05f), [0, 1, 1_000_000_000_000], [0.05, 0.05, 0.05]);
    }

    [Fact]
    public void Step_decay_multiplies_by_gamma_every_step_size_steps()
    {
        var schedule = new StepLR(0.1f, stepSize: 3, gamma: 0.5);

        // 0.1·0.5^⌊t/3⌋
        ScheduleAssert.Rates(schedule, [0, 2, 3, 5, 6, 9], [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]);
    }

    [Fact]
    public void Multi_step_decay_counts_the_milestones_reached_including_repeats()
    {
        var schedule = new MultiStepLR(1f, [5, 2, 5], gamma: 0.1);

        // Sorted milestones 2, 5, 5: one drop at 2, two at 5.
        ScheduleAssert.Rates(schedule, [0, 1, 2, 4, 5, 1000], [1, 1, 0.1, 0.1, 0.001, 0.001]);
        Assert.Equal([2L, 5L, 5L], schedule.Milestones.ToArray());
    }

    [Fact]
    public void Exponential_decay_multiplies_by_gamma_every_step()
    {
        var schedule = new ExponentialLR(0.1f, gamma: 0.9);

        // 0.1·0.9^t; 0.9^10 = 0.3486784401
        ScheduleAssert.Rates(schedule, [0, 1, 2, 10], [0.1, 0.09, 0.081, 0.03486784401]);
    }

    [Fact]
    public void Overflowing_growth_is_an_error_not_infinity()
    {
        var schedule = new ExponentialLR(1f, gamma: 10);

        Assert.Equal(1e30f, schedule.RateAt(30), 1e24f);
        Assert.Throws<OverflowException>(() => schedule.RateAt(40));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantRate(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(0.1f, stepSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(0.1f, 10, gamma: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR(float.NaN, 0.9));
        var milestone = Assert.Throws<ArgumentOutOfRangeException>(() => new MultiStepLR(0.1f, [10, 0]));
        Assert.Contains("Milestone 1 must be ≥ 1; got 0.", milestone.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(0.1f, 3).RateAt(-1));
    }
}
