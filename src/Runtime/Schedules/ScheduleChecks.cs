namespace CnnCompiler;

/// <summary>Argument checks shared by the built-in schedules.</summary>
internal static class ScheduleChecks
{
    public static void Step(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be ≥ 0.");
    }

    public static float Rate(float rate, string name)
    {
        if (!(rate >= 0f) || float.IsInfinity(rate))
            throw new ArgumentOutOfRangeException(name, rate, "A learning rate must be a finite value ≥ 0.");
        return rate;
    }

    public static double Gamma(double gamma, string name)
    {
        if (!(gamma > 0) || double.IsInfinity(gamma))
            throw new ArgumentOutOfRangeException(name, gamma, "The decay factor must be a finite value > 0.");
        return gamma;
    }

    /// <summary>Rounds a rate computed in double; a product that overflows float is an error, not infinity.</summary>
    public static float ToRate(double rate, long step)
    {
        float result = (float)rate;
        if (!float.IsFinite(result))
            throw new OverflowException($"The schedule's rate at step {step} is {rate}, which is not a finite float.");
        return result;
    }
}
