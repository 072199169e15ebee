using System.Text;
using System.Text.Json;

namespace CnnCompiler;

/// <summary>
/// Parses and checks a safetensors header: a JSON object mapping each tensor name to <c>{dtype, shape, data_offsets}</c>,
/// plus an optional <c>"__metadata__"</c> object of strings. Every tensor must span exactly its elements' bytes, and the
/// tensors together must tile the data section without gaps or overlaps (the reference implementation's rules).
/// </summary>
internal static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    public static (List<SafeTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(ReadOnlySpan<byte> json, long dataLength, string source)
    {
        var tensors = new List<SafeTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            Expect(ref reader, JsonTokenType.StartObject, "the header", source);
            while (Next(ref reader, source) != JsonTokenType.EndObject)
            {
                string name = reader.GetString()!;
                if (!names.Add(name)) throw Corrupt(source, $"the header lists '{name}' twice");
                if (name == MetadataKey) ReadMetadata(ref reader, metadata, source);
                else tensors.Add(ReadTensor(ref reader, name, source));
            }
            if (reader.Read()) throw Corrupt(source, "the header has content after its JSON object");
        }
        catch (JsonException e)
        {
            throw Corrupt(source, $"the header is not valid JSON ({e.Message})", e);
        }
        CheckLayout(tensors, dataLength, source);
        return (tensors, metadata);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string source)
    {
        JsonTokenType token = Next(ref reader, source);
        if (token == JsonTokenType.Null) return;
        if (token != JsonTokenType.StartObject) throw Corrupt(source, $"'{MetadataKey}' must be an object of strings, not {Describe(token)}");
        while (Next(ref reader, source) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (Next(ref reader, source) != JsonTokenType.String)
                throw Corrupt(source, $"metadata entry '{key}' must be a string, not {Describe(reader.TokenType)}");
            if (!metadata.TryAdd(key, reader.GetString()!)) throw Corrupt(source, $"metadata entry '{key}' appears twice");
        }
    }

    private static SafeTensorInfo ReadTensor(ref Utf8JsonReader reader, string name, string source)
    {
        Expect(ref reader, JsonTokenType.StartObject, $"tensor '{name}'", source);
        string? dtypeName = null;
        List<long>? shape = null;
        List<long>? offsets = null;
        while (Next(ref reader, source) != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            switch (field)
            {
                case "dtype":
                    if (Next(ref reader, source) != JsonTokenType.String)
                        throw Corrupt(source, $"the dtype of tensor '{name}' must be a string, not {Describe(reader.TokenType)}");
                    dtypeName = reader.GetString()!;
                    break;
                case "shape":
                    shape = ReadIntegers(ref reader, $"the shape of tensor '{name}'", source);
                    break;
                case "data_offsets":
                    offsets = ReadIntegers(ref reader, $"the data_offsets of tensor '{name}'", source);
                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }
        if (dtypeName is null || shape is null || offsets is null)
            throw Corrupt(source, $"tensor '{name}' lacks {(dtypeName is null ? "'dtype'" : shape is null ? "'shape'" : "'data_offsets'")}");
        if (!SafeTensorDTypes.TryParse(dtypeName, out SafeTensorDType dtype))
            throw Corrupt(source, $"tensor '{name}' has the unknown dtype '{dtypeName}'");
        if (offsets.Count != 2) throw Corrupt(source, $"the data_offsets of tensor '{name}' must be [begin, end]; got {offsets.Count} numbers");
        var info = new SafeTensorInfo(name, dtype, shape.ToArray(), offsets[0], offsets[1]);
        long expectedBytes;
        try
        {
            expectedBytes = checked(info.ElementCount * dtype.Size());
        }
        catch (OverflowException)
        {
            throw Corrupt(source, $"tensor '{name}' has the impossibly large shape {info.ShapeText}");
        }
        if (info.End < info.Begin || info.End - info.Begin != expectedBytes)
            throw Corrupt(source,
                $"tensor '{name}' ({dtypeName}, shape {info.ShapeText}) needs {expectedBytes} bytes but its data_offsets [{info.Begin}, {info.End}] span {info.End - info.Begin}");
        return info;
    }

    private static List<long> ReadIntegers(ref Utf8JsonReader reader, string what, string source)
    {
        if (Next(ref reader, source) != JsonTokenType.StartArray) throw Corrupt(source, $"{what} must be an array of integers, not {Describe(reader.TokenType)}");
        var values = new List<long>();
        while (Next(ref reader, source) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
                throw Corrupt(source, $"{what} must hold non-negative integers; found {Encoding.UTF8.GetString(reader.ValueSpan)}");
            values.Add(value);
        }
        return values;
    }

    /// <summary>Sorted by offset, the tensors must follow each other without gaps and end exactly at the end of the data.</summary>
    private static void CheckLayout(List<SafeTensorInfo> tensors, long dataLength, string source)
    {
        var byOffset = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        long position = 0;
        foreach (SafeTensorInfo tensor in byOffset)
        {
            if (tensor.Begin != position)
                throw Corrupt(source, tensor.Begin > position
                    ? $"the data section has a gap at byte {position}: the next tensor, '{tensor.Name}', begins at {tensor.Begin}"
                    : $"tensor '{tensor.Name}' begins at byte {tensor.Begin}, overlapping the tensor that ends at {position}");
            position = tensor.End;
        }
        if (position > dataLength)
            throw Corrupt(source, $"the file is truncated: its tensors need {position} bytes of data but only {dataLength} follow the header");
        if (position < dataLength)
            throw Corrupt(source, $"{dataLength - position} bytes follow the last tensor's data (the tensors end at byte {position} of {dataLength})");
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader, string source)
    {
        if (!reader.Read()) throw Corrupt(source, "the header's JSON ends early");
        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what, string source)
    {
        if (Next(ref reader, source) != token) throw Corrupt(source, $"{what} must be a JSON object, not {Describe(reader.TokenType)}");
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    public static InvalidDataException Corrupt(string source, string problem, Exception? inner = null) =>
        new($"{source} is not a valid safetensors file: {problem}.", inner);
}
