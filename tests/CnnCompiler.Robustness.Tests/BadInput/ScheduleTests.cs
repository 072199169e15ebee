namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows S1–S3 of docs/bad-input.md: learning-rate schedules.</summary>
public class ScheduleTests
{
    public static TheoryData<string, Func<ILearningRateSchedule>, string> BadArguments() => new()
    {
        { "constant −1", () => new ConstantRate(-1f), "rate" },
        { "constant NaN", () => new ConstantRate(float.NaN), "rate" },
        { "step size 0", () => new StepLR(0.1f, 0), "stepSize" },
        { "step gamma 0", () => new StepLR(0.1f, 10, 0), "gamma" },
        { "multi-step milestone 0", () => new MultiStepLR(0.1f, [5, 0]), "milestones" },
        { "multi-step gamma NaN", () => new MultiStepLR(0.1f, [5], double.NaN), "gamma" },
        { "exponential gamma −1", () => new ExponentialLR(0.1f, -1), "gamma" },
        { "cosine tMax 0", () => new CosineAnnealingLR(0.1f, 0), "tMax" },
        { "cosine etaMin ∞", () => new CosineAnnealingLR(0.1f, 10, float.PositiveInfinity), "etaMin" },
        { "warmup steps 0", () => new ConstantRate(0.1f).WithWarmup(0, 0.1), "warmupSteps" },
        { "warmup factor 2", () => new ConstantRate(0.1f).WithWarmup(10, 2), "startFactor" },
        { "warmup of null", () => new LinearWarmup(null!, 10, 0.1), "inner" },
        { "per epoch 0 steps", () => new ConstantRate(0.1f).PerEpoch(0), "stepsPerEpoch" },
        { "per epoch of null", () => new PerEpochSchedule(null!, 10), "epochSchedule" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void S1_constructor_arguments_out_of_range(string what, Func<ILearningRateSchedule> create, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void S2_negative_steps_and_null_arguments_when_applied()
    {
        var schedule = new CosineAnnealingLR(0.1f, 10).PerEpoch(5).WithWarmup(3, 0.1);
        Assert.Equal(-1L, Assert.Throws<ArgumentOutOfRangeException>("step", () => schedule.RateAt(-1)).ActualValue);
        var optimizer = new Sgd(0.5f);
        Assert.Throws<ArgumentNullException>("optimizer", () => schedule.ApplyTo(null!));
        Assert.Throws<ArgumentNullException>("schedule", () => LearningRateSchedules.ApplyTo(null!, optimizer));
        Assert.Equal(0.5f, optimizer.LearningRate);
    }

    [Fact]
    public void S3_a_rate_that_overflows_float_is_an_error_not_infinity()
    {
        var schedule = new ExponentialLR(1f, 10);
        var optimizer = new Sgd(0.5f);
        for (int i = 0; i < 50; i++) optimizer.Step(new float[1], new float[1]);
        var error = Assert.Throws<OverflowException>(() => schedule.ApplyTo(optimizer));
        Messages.Names(error, "step 50");
        Assert.Equal(0.5f, optimizer.LearningRate);
    }
}
