namespace CnnCompiler.Runtime.Tests.Schedules;

/// <summary>Warmup, per-epoch evaluation, nesting, user schedules and applying a schedule to an optimizer.</summary>
public class ScheduleCompositionTests
{
    /// <summary>A user's own schedule: the inverse square root decay of "Attention is all you need", after step 0.</summary>
    private sealed class InverseSquareRoot(float baseRate) : ILearningRateSchedule
    {
        public float RateAt(long step) => (float)(baseRate / Math.Sqrt(step + 1));
    }

    [Fact]
    public void Warmup_grows_the_factor_linearly_from_the_start_factor_to_one()
    {
        var schedule = new ConstantRate(0.1f).WithWarmup(warmupSteps: 4, startFactor: 0.25);

        // factor = 0.25 + 0.75·t/4: 0.25, 0.4375, 0.625, 0.8125, then 1.
        ScheduleAssert.Rates(schedule, [0, 1, 2, 3, 4, 100], [0.025, 0.04375, 0.0625, 0.08125, 0.1, 0.1]);
    }

    [Fact]
    public void Warmup_multiplies_the_inner_schedule_without_delaying_it()
    {
        var schedule = new LinearWarmup(new CosineAnnealingLR(1f, tMax: 10), warmupSteps: 2, startFactor: 0.5);

        // t = 0: 1·0.5.  t = 1: (1 + cos(0.1π))/2 = 0.975528258, times 0.75 = 0.731646194.
        // t = 2: warmup over, plain cosine (1 + cos(0.2π))/2 = 0.904508497.  t = 5: 0.5.
        ScheduleAssert.Rates(schedule, [0, 1, 2, 5], [0.5, 0.731646194, 0.904508497, 0.5]);
    }

    [Fact]
    public void Per_epoch_schedules_change_only_at_epoch_boundaries()
    {
        var schedule = new StepLR(0.1f, stepSize: 2, gamma: 0.1).PerEpoch(stepsPerEpoch: 3);

        // Steps 0–5 are epochs 0–1 (0.1), steps 6–11 epochs 2–3 (0.01), step 17 is epoch 5 (0.001).
        ScheduleAssert.Rates(schedule, [0, 5, 6, 11, 12, 17], [0.1, 0.1, 0.01, 0.01, 0.001, 0.001]);
    }

    [Fact]
    public void A_per_step_warmup_over_a_per_epoch_cosine()
    {
        var schedule = new CosineAnnealingLR(0.1f, tMax: 4).PerEpoch(10).WithWarmup(5, startFactor: 0);

        // Warmup from 0 over 5 steps inside epoch 0; epoch 1 (steps 10–19) is 0.1·(1 + cos(π/4))/2 = 0.0853553391.
        ScheduleAssert.Rates(schedule, [0, 2, 5, 9, 10, 19, 40], [0, 0.04, 0.1, 0.1, 0.0853553391, 0.0853553391, 0]);
    }

    [Fact]
    public void Users_plug_in_their_own_schedule()
    {
        var schedule = new InverseSquareRoot(0.3f).WithWarmup(2, 0.5);

        // t = 0: 0.3·0.5; t = 1: 0.3/√2·0.75 = 0.159099026; t = 3: 0.3/2.
        ScheduleAssert.Rates(schedule, [0, 1, 3], [0.15, 0.159099026, 0.15]);
    }

    [Fact]
    public void Apply_to_sets_the_rate_of_the_optimizers_next_step_and_resumes_from_a_checkpoint()
    {
        var schedule = new ExponentialLR(0.5f, gamma: 0.5);
        var sgd = new Sgd(learningRate: 1f);
        float[] p = [0f];

        Assert.Equal(0.5f, schedule.ApplyTo(sgd));
        sgd.Step(p, [1f]); // −0.5
        schedule.ApplyTo(sgd);
        Assert.Equal(0.25f, sgd.LearningRate);
        sgd.Step(p, [1f]); // −0.25
        Assert.Equal(-0.75f, p[0]);

        var resumed = new Sgd(learningRate: 1f);
        resumed.SetState(sgd.GetState());
        Assert.Equal(0.125f, schedule.ApplyTo(resumed));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var inner = new ConstantRate(0.1f);

        Assert.Throws<ArgumentOutOfRangeException>(() => inner.WithWarmup(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => inner.WithWarmup(10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => inner.PerEpoch(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => inner.PerEpoch(5).RateAt(-3));
        Assert.Throws<ArgumentNullException>(() => inner.ApplyTo(null!));
    }
}
