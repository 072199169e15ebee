namespace CnnCompiler.Runtime.Tests.Schedules;

internal static class ScheduleAssert
{
    /// <summary>The rates at <paramref name="steps"/> equal <paramref name="expected"/> (worked out by hand) to float precision.</summary>
    public static void Rates(ILearningRateSchedule schedule, long[] steps, double[] expected)
    {
        Assert.Equal(steps.Length, expected.Length);
        for (int i = 0; i < steps.Length; i++)
        {
            float actual = schedule.RateAt(steps[i]);
            Assert.True(Math.Abs(actual - expected[i]) <= 1e-6 * Math.Abs(expected[i]) + 1e-12,
                $"step {steps[i]}: expected {expected[i]:R}, got {actual:R}");
        }
    }
}
