using System.Globalization;

namespace CnnCompiler.Robustness.Tests.Support;

/// <summary>Checks that an error message names what is wrong: the numbers, names and paths it must mention.</summary>
internal static class Messages
{
    public static void Names(Exception error, params object[] parts)
    {
        foreach (object part in parts)
        {
            string text = Convert.ToString(part, CultureInfo.InvariantCulture)!;
            Assert.True(error.Message.Contains(text, StringComparison.Ordinal),
                $"The {error.GetType().Name} message should name '{text}': {error.Message}");
        }
    }
}
