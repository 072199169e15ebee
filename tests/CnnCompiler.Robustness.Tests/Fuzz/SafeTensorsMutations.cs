using System.Buffers.Binary;
using System.Text;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>
/// Mutations of a safetensors file that know its layout: edits of the JSON header aimed at dtypes, shapes, offsets,
/// names and metadata (with the 8-byte length set to the edited header's, as a hand edit would), duplicate fields and
/// keys, invalid UTF-8 and lone surrogates, lying header lengths and header bombs; and harmless edits (spacing, an
/// unknown field) after which the file must load as the pristine one does. Half of the mutants are of bytes anywhere.
/// </summary>
internal sealed class SafeTensorsMutations(byte[] pristine)
{
    private readonly int _headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(pristine);
    private readonly byte[] _header = pristine[8..(8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(pristine))];
    private readonly HeaderTokens _tokens = new(pristine[8..(8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(pristine))]);

    private static readonly string[] DTypes = ["F32", "I32", "F16", "BF16", "F64", "I64", "U8", "BOOL", "F8_E4M3", "X32", ""];
    private static readonly string[] Shapes = ["[]", "[0]", "[1]", "[-1]", "[1.5]", "[4294967296,4294967296]", "[9223372036854775807]", "[3,0]", "\"3\"", "null"];

    public Mutant Next(SeededRandom random)
    {
        if (random.NextInt(2) == 0)
        {
            // Bytes anywhere, with half of those aimed at the header, where a flip is most often not caught by the format.
            return random.NextInt(2) == 0 ? ByteMutations.Any(pristine, random) : ByteMutations.Any(pristine, random, 8, 8 + _headerLength);
        }
        return random.NextInt(17) switch
        {
            0 => Replace("dtype", Pick(random, _tokens.ValuesOf("dtype")), Quoted(DTypes[random.NextInt(DTypes.Length)])),
            1 => ShapeEdit(random),
            2 => Replace("offsets", Pick(random, _tokens.ValuesOf("data_offsets")), Number(random)),
            3 => SwapNames(random),
            4 => DuplicateField(random),
            5 => DuplicateEntry(random),
            6 => EditString("key", Pick(random, _tokens.Keys(random.NextInt(2) + 1)), random),
            7 => EditString("metadata value", Pick(random, _tokens.All.Where(t => t.Depth == 2 && t.Type == System.Text.Json.JsonTokenType.String && t.Field is not ("dtype"))), random),
            8 => DropEntry(random),
            9 => InvalidUtf8(random),
            10 => LoneSurrogate(random),
            11 => Harmless("spacing", random, " \n\t "),
            12 => HarmlessUnknownField(random),
            13 => LyingLength(random),
            14 => Rebuilt("deep nesting", "a metadata value made an array nested 9 deep",
                Splice(_header, Pick(random, _tokens.All.Where(t => t.Depth == 2 && t.Field is { } f && f.StartsWith("cnncompiler", StringComparison.Ordinal))), "[[[[[[[[[1]]]]]]]]]")),
            15 => HugeName(random),
            _ => ManyTensors(random),
        };
    }

    private static HeaderToken Pick(SeededRandom random, IEnumerable<HeaderToken> tokens)
    {
        var list = tokens.ToList();
        return list[random.NextInt(list.Count)];
    }

    private static string Quoted(string text) => $"\"{text}\"";

    private static string Number(SeededRandom random) => random.NextInt(4) switch
    {
        0 => "0",
        1 => (random.NextInt(2000) - 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "18446744073709551616",
        _ => "1e3",
    };

    private Mutant Replace(string what, HeaderToken token, string with) =>
        Rebuilt(what, $"{Encoding.UTF8.GetString(_header, token.Start, token.End - token.Start)} → {with}", Splice(_header, token, with));

    private Mutant ShapeEdit(SeededRandom random)
    {
        // The whole array: find the shape property and its closing bracket.
        HeaderToken key = Pick(random, _tokens.All.Where(t => t.Type == System.Text.Json.JsonTokenType.PropertyName && Encoding.UTF8.GetString(_header, t.Start, t.End - t.Start) == "\"shape\""));
        int open = Array.IndexOf(_header, (byte)'[', key.End);
        int close = Array.IndexOf(_header, (byte)']', open);
        string shape = Encoding.UTF8.GetString(_header, open, close + 1 - open);
        long[] dims = shape.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        string edited = random.NextInt(3) switch
        {
            0 when dims.Length > 0 => "[" + string.Join(",", dims.Select((d, i) => i == dims.Length - 1 ? d + (random.NextInt(2) == 0 ? 1 : -1) : d)) + "]",
            1 when dims.Length > 1 => "[" + string.Join(",", dims.Reverse()) + "]",
            _ => Shapes[random.NextInt(Shapes.Length)],
        };
        return Rebuilt("shape", $"{shape} → {edited}", [.. _header[..open], .. Encoding.UTF8.GetBytes(edited), .. _header[(close + 1)..]]);
    }

    private Mutant SwapNames(SeededRandom random)
    {
        var names = _tokens.Keys(1).Where(t => Encoding.UTF8.GetString(_header, t.Start, t.End - t.Start) != "\"__metadata__\"").ToList();
        HeaderToken a = names[random.NextInt(names.Count)], b = names[random.NextInt(names.Count)];
        if (a == b) return Harmless("spacing", random, " "); // one name swapped with itself: nothing to swap
        if (a.Start > b.Start) (a, b) = (b, a);
        byte[] aBytes = _header[a.Start..a.End], bBytes = _header[b.Start..b.End];
        byte[] header = [.. _header[..a.Start], .. bBytes, .. _header[a.End..b.Start], .. aBytes, .. _header[b.End..]];
        return Rebuilt("swapped names", $"{Encoding.UTF8.GetString(aBytes)} ↔ {Encoding.UTF8.GetString(bBytes)}", header);
    }

    private Mutant DuplicateField(SeededRandom random)
    {
        var (start, _) = _tokens.Entries[random.NextInt(_tokens.Entries.Count)];
        string field = random.NextInt(3) switch { 0 => "\"shape\":[999],", 1 => "\"dtype\":\"F64\",", _ => "\"data_offsets\":[0,4]," };
        return Rebuilt("duplicate field", $"{field} at {start + 1}", [.. _header[..(start + 1)], .. Encoding.UTF8.GetBytes(field), .. _header[(start + 1)..]]);
    }

    private Mutant DuplicateEntry(SeededRandom random)
    {
        HeaderToken key = Pick(random, _tokens.Keys(random.NextInt(2) + 1));
        int valueEnd = _tokens.Entries.FirstOrDefault(e => e.Start >= key.End && e.Start <= key.End + 1).End;
        if (valueEnd == 0) valueEnd = _tokens.All.First(t => t.Start >= key.End).End;
        byte[] entry = _header[key.Start..valueEnd];
        return Rebuilt("duplicate key", Encoding.UTF8.GetString(_header, key.Start, key.End - key.Start), [.. _header[..valueEnd], (byte)',', .. entry, .. _header[valueEnd..]]);
    }

    private Mutant EditString(string what, HeaderToken token, SeededRandom random)
    {
        int length = token.End - token.Start;
        if (length <= 2) return Replace(what, token, "\"x\"");
        byte[] header = (byte[])_header.Clone();
        int at = token.Start + 1 + random.NextInt(length - 2);
        header[at] = (byte)"0123456789abcxyzABC._-"[random.NextInt(22)];
        return Rebuilt(what, $"{Encoding.UTF8.GetString(_header, token.Start, length)} → {Encoding.UTF8.GetString(header, token.Start, length)}", header);
    }

    private Mutant DropEntry(SeededRandom random)
    {
        HeaderToken key = Pick(random, _tokens.Keys(2).Where(t => _tokens.All.Any(v => v.Start == t.End + 1 && v.Type == System.Text.Json.JsonTokenType.String)));
        HeaderToken value = _tokens.All.First(v => v.Start == key.End + 1);
        int start = key.Start, end = value.End;
        if (_header[end] == (byte)',') end++;
        else if (_header[start - 1] == (byte)',') start--;
        return Rebuilt("dropped metadata entry", Encoding.UTF8.GetString(_header, key.Start, key.End - key.Start), [.. _header[..start], .. _header[end..]]);
    }

    private Mutant InvalidUtf8(SeededRandom random)
    {
        HeaderToken token = Pick(random, _tokens.Strings);
        byte[][] bad = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xE9], [0xF0, 0x9F]];
        byte[] inserted = bad[random.NextInt(bad.Length)];
        int at = token.Start + 1;
        return Rebuilt("invalid UTF-8", $"{Convert.ToHexString(inserted)} in {Encoding.UTF8.GetString(_header, token.Start, token.End - token.Start)}", [.. _header[..at], .. inserted, .. _header[at..]]);
    }

    private Mutant LoneSurrogate(SeededRandom random)
    {
        HeaderToken token = Pick(random, _tokens.Strings);
        string escape = random.NextInt(2) == 0 ? "\\ud800" : "\\udfff";
        int at = token.Start + 1;
        return Rebuilt("lone surrogate", $"{escape} in {Encoding.UTF8.GetString(_header, token.Start, token.End - token.Start)}", [.. _header[..at], .. Encoding.UTF8.GetBytes(escape), .. _header[at..]]);
    }

    /// <summary>Whitespace after a structural comma or colon: the same header to any JSON reader.</summary>
    private Mutant Harmless(string what, SeededRandom random, string inserted)
    {
        var places = Enumerable.Range(0, _header.Length).Where(i => _header[i] is (byte)',' or (byte)':' && !InsideString(i)).ToList();
        int at = places[random.NextInt(places.Count)] + 1;
        return Rebuilt(what, $"'{inserted.Replace("\n", "\\n").Replace("\t", "\\t")}' at {at}", [.. _header[..at], .. Encoding.UTF8.GetBytes(inserted), .. _header[at..]]);
    }

    private Mutant HarmlessUnknownField(SeededRandom random)
    {
        // Only tensor entries: an unknown field there is ignored (as the reference reader ignores it); in the metadata it would be an entry.
        var entries = _tokens.Entries.Where(e => !Encoding.UTF8.GetString(_header, Math.Max(0, e.Start - 16), Math.Min(16, e.Start)).Contains("__metadata__")).ToList();
        var (start, _) = entries[random.NextInt(entries.Count)];
        return Rebuilt("unknown field", $"at {start + 1}", [.. _header[..(start + 1)], .. "\"note\":{\"any\":[1,2]},"u8.ToArray(), .. _header[(start + 1)..]]);
    }

    private Mutant LyingLength(SeededRandom random)
    {
        ulong[] lengths = [0, 1, 7, (ulong)_headerLength - 1, (ulong)_headerLength + 1, (ulong)_headerLength + 8, 99_999_999, 100_000_001, ulong.MaxValue, 1UL << 62];
        ulong length = lengths[random.NextInt(lengths.Length)];
        byte[] bytes = (byte[])pristine.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
        return new Mutant("header length", $"{_headerLength} → {length}", bytes);
    }

    private Mutant HugeName(SeededRandom random)
    {
        HeaderToken key = Pick(random, _tokens.Keys(1));
        string name = "\"" + new string('n', 100_000 + random.NextInt(1000)) + "\"";
        return Rebuilt("huge name", $"{name.Length - 2} characters", Splice(_header, key, name));
    }

    private Mutant ManyTensors(SeededRandom random)
    {
        int count = 1_000 + random.NextInt(3_000);
        var entries = new StringBuilder();
        for (int i = 0; i < count; i++) entries.Append($"\"zero{i}\":{{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}},");
        return Rebuilt("many tensors", $"{count} empty tensors", [(byte)'{', .. Encoding.UTF8.GetBytes(entries.ToString()), .. _header[1..]]);
    }

    private bool InsideString(int index)
    {
        foreach (HeaderToken token in _tokens.Strings)
        {
            if (index > token.Start && index < token.End - 1) return true;
        }
        return false;
    }

    private static byte[] Splice(byte[] header, HeaderToken token, string with) =>
        [.. header[..token.Start], .. Encoding.UTF8.GetBytes(with), .. header[token.End..]];

    /// <summary>The file with <paramref name="header"/> in place of the pristine header and the 8-byte length set to match.</summary>
    private Mutant Rebuilt(string what, string detail, byte[] header)
    {
        var bytes = new byte[8 + header.Length + pristine.Length - 8 - _headerLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        pristine.AsSpan(8 + _headerLength).CopyTo(bytes.AsSpan(8 + header.Length));
        return new Mutant(what, detail, bytes);
    }
}
