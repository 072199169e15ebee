namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>Mutations that know nothing of the format: bit flips, random bytes, truncation, insertion, deletion, appended garbage.</summary>
internal static class ByteMutations
{
    public static Mutant Any(byte[] pristine, SeededRandom random, int from = 0, int? to = null)
    {
        int end = to ?? pristine.Length;
        return random.NextInt(6) switch
        {
            0 => FlipBits(pristine, random, from, end),
            1 => SetByte(pristine, random, from, end),
            2 => Truncate(pristine, random),
            3 => Insert(pristine, random, from, end),
            4 => Delete(pristine, random, from, end),
            _ => Append(pristine, random),
        };
    }

    public static Mutant FlipBits(byte[] pristine, SeededRandom random, int from, int to)
    {
        byte[] bytes = (byte[])pristine.Clone();
        int flips = 1 + random.NextInt(3);
        var at = new List<string>();
        for (int i = 0; i < flips; i++)
        {
            int index = from + random.NextInt(to - from);
            int bit = random.NextInt(8);
            bytes[index] ^= (byte)(1 << bit);
            at.Add($"{index}.{bit}");
        }
        return new Mutant("bit flip", string.Join(",", at), bytes);
    }

    public static Mutant SetByte(byte[] pristine, SeededRandom random, int from, int to)
    {
        byte[] bytes = (byte[])pristine.Clone();
        int index = from + random.NextInt(to - from);
        byte value = Special[random.NextInt(Special.Length)];
        bytes[index] = value;
        return new Mutant("byte set", $"{index}=0x{value:X2}", bytes);
    }

    public static Mutant Truncate(byte[] pristine, SeededRandom random)
    {
        int length = random.NextInt(pristine.Length);
        return new Mutant("truncation", $"to {length}", pristine[..length]);
    }

    public static Mutant Insert(byte[] pristine, SeededRandom random, int from, int to)
    {
        int index = from + random.NextInt(to - from + 1);
        byte[] inserted = RandomBytes(random, 1 + random.NextInt(8));
        return new Mutant("insertion", $"{inserted.Length} at {index}", [.. pristine[..index], .. inserted, .. pristine[index..]]);
    }

    public static Mutant Delete(byte[] pristine, SeededRandom random, int from, int to)
    {
        int index = from + random.NextInt(to - from);
        int count = Math.Min(1 + random.NextInt(8), pristine.Length - index);
        return new Mutant("deletion", $"{count} at {index}", [.. pristine[..index], .. pristine[(index + count)..]]);
    }

    public static Mutant Append(byte[] pristine, SeededRandom random)
    {
        byte[] tail = random.NextInt(2) == 0 ? new byte[1 + random.NextInt(16)] : RandomBytes(random, 1 + random.NextInt(16));
        return new Mutant("appended", $"{tail.Length} bytes", [.. pristine, .. tail]);
    }

    public static byte[] RandomBytes(SeededRandom random, int count)
    {
        var bytes = new byte[count];
        for (int i = 0; i < count; i++) bytes[i] = (byte)random.NextInt(256);
        return bytes;
    }

    // Values that break parsers most often: zero, all ones, the sign bit, JSON's structural bytes, bytes never valid in UTF-8.
    private static readonly byte[] Special = [0x00, 0xFF, 0x80, 0x7F, (byte)'{', (byte)'}', (byte)'"', (byte)'\\', (byte)',', (byte)':', 0xC0, 0xED, 0xF8, (byte)'9', (byte)'-'];
}
