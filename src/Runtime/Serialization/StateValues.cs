using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// The values a network's state tensors can hold, checked whenever state comes from a file: BatchNorm's running mean is
/// finite, its running variance finite and ≥ 0, and <c>num_batches_tracked</c> a whole number from 0 to below 2^63
/// (PyTorch's int64, which <see cref="NetworkWeights.SaveWeights"/> writes back). Anything else would make predictions
/// NaN, or a later save fail.
/// </summary>
internal static class StateValues
{
    /// <summary>Whether <paramref name="value"/> is a count of batches that an I64 holds.</summary>
    public static bool IsCount(float value) => float.IsInteger(value) && value >= 0f && value < 9.223372E+18f;

    /// <summary>The first value of <paramref name="values"/> that <paramref name="tensor"/> cannot hold, described; null if all can.</summary>
    public static string? Problem(TensorInfo tensor, ReadOnlySpan<float> values)
    {
        string role = tensor.Name[(tensor.Name.LastIndexOf('.') + 1)..];
        for (int i = 0; i < values.Length; i++)
        {
            float value = values[i];
            string? rule = role switch
            {
                NetworkTensors.CountRole when !IsCount(value) => "a count of batches is a whole number from 0 to below 2^63",
                "running_var" when !(float.IsFinite(value) && value >= 0f) => "a running variance is a finite value ≥ 0",
                NetworkTensors.CountRole or "running_var" => null,
                _ when !float.IsFinite(value) => "a running statistic is finite",
                _ => null,
            };
            if (rule is not null)
                return string.Create(CultureInfo.InvariantCulture, $"'{tensor.Name}' holds {value:R}{(values.Length > 1 ? $" at index {i:N0}" : "")}; {rule}");
        }
        return null;
    }
}
