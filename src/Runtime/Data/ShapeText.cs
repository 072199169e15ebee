using System.Globalization;

namespace CnnCompiler;

/// <summary>Formats shapes and counts the same way in every error message.</summary>
internal static class ShapeText
{
    /// <summary>"1×28×28"; "(scalar)" for an empty shape.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 0) return "(scalar)";
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++) parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        return string.Join("×", parts);
    }

    /// <summary>A count with thousands separators, independent of the current culture: "47,040,000".</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
