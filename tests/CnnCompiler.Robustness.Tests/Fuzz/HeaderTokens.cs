using System.Text.Json;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>One JSON token of a safetensors header: where its bytes are (quotes included for strings) and what it belongs to.</summary>
/// <param name="Field">The property it is the value of (or an element of): "dtype", "shape", "data_offsets", a metadata key; null for keys.</param>
/// <param name="Depth">1 for top-level keys, 2 inside a tensor entry or the metadata.</param>
internal sealed record HeaderToken(JsonTokenType Type, int Start, int End, string? Field, int Depth);

/// <summary>The tokens of a pristine header, so that edits can aim at names, dtypes, shapes, offsets and metadata.</summary>
internal sealed class HeaderTokens
{
    public HeaderTokens(byte[] header)
    {
        var reader = new Utf8JsonReader(header);
        string? field = null;
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            // The raw bytes of a name or string (quotes included) or number; a name's BytesConsumed would include its colon.
            int end = start + reader.ValueSpan.Length + (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? 2 : 0);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    All.Add(new HeaderToken(reader.TokenType, start, end, null, reader.CurrentDepth));
                    field = reader.GetString();
                    break;
                case JsonTokenType.String or JsonTokenType.Number:
                    All.Add(new HeaderToken(reader.TokenType, start, end, field, reader.CurrentDepth));
                    break;
                case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                    Entries.Add((start, (int)EndOf(header, start)));
                    break;
            }
        }
    }

    public List<HeaderToken> All { get; } = [];

    /// <summary>The byte ranges of the top-level objects (tensor entries and the metadata), braces included.</summary>
    public List<(int Start, int End)> Entries { get; } = [];

    public IEnumerable<HeaderToken> Keys(int depth) => All.Where(t => t.Type == JsonTokenType.PropertyName && t.Depth == depth);

    public IEnumerable<HeaderToken> ValuesOf(string field) => All.Where(t => t.Field == field && t.Type != JsonTokenType.PropertyName);

    public IEnumerable<HeaderToken> Strings => All.Where(t => t.Type is JsonTokenType.String or JsonTokenType.PropertyName);

    private static long EndOf(byte[] header, int objectStart)
    {
        var reader = new Utf8JsonReader(header.AsSpan(objectStart));
        reader.Read();
        reader.Skip();
        return objectStart + reader.BytesConsumed;
    }
}
