using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// The checks the optimizers share: restored state must be finite and within range before it is taken, and a step whose
/// result is not finite is refused, leaving parameters and state as they were. Without them a damaged checkpoint or one
/// overflowing update would turn every weight into NaN without an error.
/// </summary>
internal static class OptimizerChecks
{
    /// <summary>Throws (the state unchanged) unless <paramref name="stepCount"/> is in 0…<see cref="OptimizerState.MaxStepCount"/>.</summary>
    public static void RequireStepCount(long stepCount)
    {
        if (stepCount is < 0 or > OptimizerState.MaxStepCount)
            throw new ArgumentOutOfRangeException("state", stepCount, string.Create(CultureInfo.InvariantCulture,
                $"The step count must be in 0…{OptimizerState.MaxStepCount:N0} (2^53, where counts stay exact in the double-precision bias corrections and schedules)."));
    }

    /// <summary>Throws unless every value is finite and, when <paramref name="nonNegative"/>, ≥ 0.</summary>
    public static void RequireValid(ReadOnlySpan<float> values, string name, bool nonNegative = false)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float value = values[i];
            if (float.IsFinite(value) && (!nonNegative || value >= 0f)) continue;
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"State buffer '{name}' holds {value} at index {i:N0}; {(nonNegative ? "a second moment is a finite value ≥ 0" : "its values must be finite")}."), "state");
        }
    }

    /// <summary>
    /// The error for a step whose result is not finite: the first parameter or buffer value it would have spoiled, with
    /// what it came from. Built only on that path, so steps that succeed allocate nothing.
    /// </summary>
    public static InvalidOperationException StepRefused(
        string optimizer, long step, float learningRate, ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients,
        ReadOnlySpan<float> nextParameters, params (string Name, float[] Next)[] buffers)
    {
        string where = "";  // filled below; the kernels found some value not finite
        for (int i = 0; i < nextParameters.Length && where.Length == 0; i++)
        {
            if (!float.IsFinite(nextParameters[i]))
                where = string.Create(CultureInfo.InvariantCulture,
                    $"parameter {i:N0} {nextParameters[i]} (it is {parameters[i]:R} and its gradient {gradients[i]:R})");
        }
        foreach (var (name, next) in buffers)
        {
            int bad = Array.FindIndex(next, v => !float.IsFinite(v));
            if (where.Length == 0 && bad >= 0)
                where = string.Create(CultureInfo.InvariantCulture, $"'{name}' at index {bad:N0} {next[bad]} (the gradient there is {gradients[bad]:R})");
        }
        return new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"{optimizer} refused step {step:N0}: it would make {where}, with learning rate {learningRate:R}; the parameters and the optimizer's state are unchanged. Check the gradients for NaN or ∞, or lower the learning rate."));
    }
}
