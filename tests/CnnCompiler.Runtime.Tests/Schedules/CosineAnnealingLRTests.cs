namespace CnnCompiler.Runtime.Tests.Schedules;

/// <summary>PyTorch's closed form etaMin + (base − etaMin)·(1 + cos(π·t/T))/2, against rates worked out by hand.</summary>
public class CosineAnnealingLRTests
{
    [Fact]
    public void Falls_from_the_base_rate_to_eta_min_along_half_a_cosine()
    {
        var schedule = new CosineAnnealingLR(0.1f, tMax: 10, etaMin: 0.001f);

        // t = 2: cos(0.2π) = 0.809016994, so 0.001 + 0.099·0.904508497 = 0.0905463412.
        // t = 5: halfway, (0.1 + 0.001)/2 = 0.0505.
        ScheduleAssert.Rates(schedule, [0, 2, 5, 10], [0.1, 0.0905463412, 0.0505, 0.001]);
    }

    [Fact]
    public void Past_t_max_the_closed_form_rises_again()
    {
        var schedule = new CosineAnnealingLR(1f, tMax: 4);

        // (1 + cos(π·t/4))/2 at t = 6: (1 + cos(1.5π))/2 = 0.5; at t = 8: back to 1.
        ScheduleAssert.Rates(schedule, [4, 6, 8], [0, 0.5, 1]);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(0.1f, tMax: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(0.1f, 10, etaMin: -1f));
    }
}
