using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CnnCompiler;

/// <summary>
/// Parses and checks a safetensors header: a JSON object mapping each tensor name to <c>{dtype, shape, data_offsets}</c>,
/// plus an optional <c>"__metadata__"</c> object of strings. Every tensor must span exactly its elements' bytes, and the
/// tensors together must tile the data section without gaps or overlaps (the reference implementation's rules). The
/// header must be valid UTF-8 without lone surrogates, no key may appear twice at any level, and a shape has at most
/// <see cref="MaxRank"/> dimensions, so the work and memory of parsing stay proportional to the header's length.
/// </summary>
internal static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>The most dimensions a tensor may have (PyTorch allows 64).</summary>
    public const int MaxRank = 64;

    public static (List<SafeTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(ReadOnlySpan<byte> json, long dataLength, string source)
    {
        RequireUtf8(json, source);
        var tensors = new List<SafeTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            Expect(ref reader, JsonTokenType.StartObject, "the header", source);
            while (Next(ref reader, source) != JsonTokenType.EndObject)
            {
                string name = ReadString(ref reader, "a key of the header", source);
                if (!names.Add(name)) throw Corrupt(source, $"the header lists '{Excerpt.Of(name)}' twice");
                if (name == MetadataKey) ReadMetadata(ref reader, metadata, source);
                else tensors.Add(ReadTensor(ref reader, name, source));
            }
            if (reader.Read()) throw Corrupt(source, "the header has content after its JSON object");
        }
        catch (JsonException e)
        {
            throw Corrupt(source, $"the header is not valid JSON ({e.Message})", e);
        }
        catch (InvalidOperationException e)
        {
            // Comparing a name with an escaped lone surrogate (\ud800) fails as reading it would.
            throw Corrupt(source, "a string of the header is not valid Unicode text (an escaped lone surrogate such as \\ud800)", e);
        }
        CheckLayout(tensors, dataLength, source);
        return (tensors, metadata);
    }

    // Utf8JsonReader does not validate string contents; GetString would later fail without naming the file.
    private static void RequireUtf8(ReadOnlySpan<byte> json, string source)
    {
        int position = 0;
        while (position < json.Length)
        {
            if (Rune.DecodeFromUtf8(json[position..], out _, out int consumed) != OperationStatus.Done)
                throw Corrupt(source, $"the header is not valid UTF-8: byte {ShapeText.Count(position)} (0x{json[position]:X2}) does not begin a valid character");
            position += consumed;
        }
    }

    /// <summary>The current string token; an escaped lone surrogate (<c>\ud800</c>) is not text, and is refused.</summary>
    private static string ReadString(ref Utf8JsonReader reader, string what, string source)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw Corrupt(source, $"{what} is not valid Unicode text (an escaped lone surrogate such as \\ud800)", e);
        }
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string source)
    {
        JsonTokenType token = Next(ref reader, source);
        if (token == JsonTokenType.Null) return;
        if (token != JsonTokenType.StartObject) throw Corrupt(source, $"'{MetadataKey}' must be an object of strings, not {Describe(token)}");
        while (Next(ref reader, source) != JsonTokenType.EndObject)
        {
            string key = ReadString(ref reader, "a metadata key", source);
            if (Next(ref reader, source) != JsonTokenType.String)
                throw Corrupt(source, $"metadata entry '{Excerpt.Of(key)}' must be a string, not {Describe(reader.TokenType)}");
            string value = ReadString(ref reader, $"metadata entry '{Excerpt.Of(key)}'", source);
            if (!metadata.TryAdd(key, value)) throw Corrupt(source, $"metadata entry '{Excerpt.Of(key)}' appears twice");
        }
    }

    private static SafeTensorInfo ReadTensor(ref Utf8JsonReader reader, string name, string source)
    {
        string quoted = Excerpt.Of(name);
        if (Next(ref reader, source) != JsonTokenType.StartObject)
            throw Corrupt(source, $"tensor '{quoted}' must be a JSON object, not {Describe(reader.TokenType)}");
        SafeTensorDType? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        HashSet<string>? unknownFields = null;
        while (Next(ref reader, source) != JsonTokenType.EndObject)
        {
            // Field names are compared as bytes: a header of many small entries allocates only what it keeps.
            if (reader.ValueTextEquals("dtype"u8))
            {
                if (dtype is not null) throw Twice(source, quoted, "dtype");
                if (Next(ref reader, source) != JsonTokenType.String)
                    throw Corrupt(source, $"the dtype of tensor '{quoted}' must be a string, not {Describe(reader.TokenType)}");
                dtype = ParseDType(ref reader, quoted, source);
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                if (shape is not null) throw Twice(source, quoted, "shape");
                shape = ReadIntegers(ref reader, "shape", quoted, MaxRank, source);
            }
            else if (reader.ValueTextEquals("data_offsets"u8))
            {
                if (offsets is not null) throw Twice(source, quoted, "data_offsets");
                offsets = ReadIntegers(ref reader, "data_offsets", quoted, 2, source);
            }
            else
            {
                // Unknown fields are ignored, as the reference implementation ignores them; still, not twice.
                string field = ReadString(ref reader, $"a field name of tensor '{quoted}'", source);
                if (!(unknownFields ??= new HashSet<string>(StringComparer.Ordinal)).Add(field)) throw Twice(source, quoted, field);
                reader.Read();
                reader.Skip();
            }
        }
        if (dtype is null || shape is null || offsets is null)
            throw Corrupt(source, $"tensor '{quoted}' lacks {(dtype is null ? "'dtype'" : shape is null ? "'shape'" : "'data_offsets'")}");
        if (offsets.Length != 2) throw Corrupt(source, $"the data_offsets of tensor '{quoted}' must be [begin, end]; got {offsets.Length} numbers");
        var info = new SafeTensorInfo(name, dtype.Value, shape, offsets[0], offsets[1]);
        long expectedBytes;
        try
        {
            expectedBytes = checked(info.ElementCount * dtype.Value.Size());
        }
        catch (OverflowException)
        {
            throw Corrupt(source, $"tensor '{quoted}' has the impossibly large shape {info.ShapeText}");
        }
        if (info.End < info.Begin || info.End - info.Begin != expectedBytes)
            throw Corrupt(source,
                $"tensor '{quoted}' ({dtype.Value.Name()}, shape {info.ShapeText}) needs {expectedBytes} bytes but its data_offsets [{info.Begin}, {info.End}] span {info.End - info.Begin}");
        return info;
    }

    private static SafeTensorDType ParseDType(ref Utf8JsonReader reader, string quoted, string source)
    {
        foreach (SafeTensorDType candidate in DTypes)
        {
            if (reader.ValueTextEquals(candidate.Name())) return candidate;
        }
        string name = ReadString(ref reader, $"the dtype of tensor '{quoted}'", source);
        throw Corrupt(source, $"tensor '{quoted}' has the unknown dtype '{Excerpt.Of(name)}'");
    }

    private static readonly SafeTensorDType[] DTypes = Enum.GetValues<SafeTensorDType>();

    private static InvalidDataException Twice(string source, string quoted, string field) =>
        Corrupt(source, $"tensor '{quoted}' lists '{Excerpt.Of(field)}' twice");

    // The field and tensor name go into a message only when there is one to make: a valid header allocates no text here.
    private static long[] ReadIntegers(ref Utf8JsonReader reader, string field, string quoted, int maxCount, string source)
    {
        if (Next(ref reader, source) != JsonTokenType.StartArray)
            throw Corrupt(source, $"the {field} of tensor '{quoted}' must be an array of integers, not {Describe(reader.TokenType)}");
        Span<long> values = stackalloc long[MaxRank];
        int count = 0;
        while (Next(ref reader, source) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
                throw Corrupt(source, $"the {field} of tensor '{quoted}' must hold non-negative integers; found {Excerpt.OfUtf8(reader.ValueSpan)}");
            if (count == maxCount) throw Corrupt(source, $"the {field} of tensor '{quoted}' has more than {maxCount} numbers");
            values[count++] = value;
        }
        return values[..count].ToArray();
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
                    ? $"the data section has a gap at byte {position}: the next tensor, '{Excerpt.Of(tensor.Name)}', begins at {tensor.Begin}"
                    : $"tensor '{Excerpt.Of(tensor.Name)}' begins at byte {tensor.Begin}, overlapping the tensor that ends at {position}");
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
        new(string.Create(CultureInfo.InvariantCulture, $"{source} is not a valid safetensors file: {problem}."), inner);
}
