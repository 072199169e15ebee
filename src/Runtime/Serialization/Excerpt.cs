using System.Globalization;
using System.Text;

namespace CnnCompiler;

/// <summary>
/// Text taken from a file (a tensor name, a metadata value) as error messages quote it: whole when short, otherwise
/// its beginning and its length, so that a damaged or hostile file cannot make a message megabytes long.
/// </summary>
internal static class Excerpt
{
    /// <summary>The longest text quoted whole.</summary>
    public const int MaxLength = 80;

    /// <summary><paramref name="text"/> if it has at most <see cref="MaxLength"/> characters, else its first 60 and its length.</summary>
    public static string Of(string text) =>
        text.Length <= MaxLength
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, 60)}… ({text.Length:N0} characters)");

    /// <summary>UTF-8 bytes as <see cref="Of"/> quotes them, decoding no more than it shows.</summary>
    public static string OfUtf8(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= MaxLength
            ? Encoding.UTF8.GetString(bytes)
            : string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetString(bytes[..60])}… ({bytes.Length:N0} bytes)");

    /// <summary>The first <paramref name="shown"/> items of a list for a message, then how many more there are.</summary>
    public static IEnumerable<string> First(IReadOnlyList<string> items, int shown)
    {
        for (int i = 0; i < Math.Min(shown, items.Count); i++) yield return items[i];
        if (items.Count > shown) yield return string.Create(CultureInfo.InvariantCulture, $"… and {items.Count - shown:N0} more");
    }
}
