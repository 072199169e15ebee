using Xunit.Abstractions;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>
/// Seeded mutants of IDX files. Gzipped, every member carries a CRC-32, so a mutant is either refused (an
/// <see cref="InvalidDataException"/> naming the file) or reads as the pristine file. Raw IDX carries no checksum, so a
/// mutated header can be another valid file (signed instead of unsigned bytes): there the reader must agree with an
/// independent decoder of the format, refusing exactly what it refuses and reading exactly what it reads; raw and
/// gzipped alike.
/// </summary>
public sealed class IdxFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Raw: the payload (at most the file's length) and 256 KB (the read buffer, the message).</summary>
    private static long RawBound(byte[] file) => file.Length + (256 << 10);

    /// <summary>
    /// Gzipped: the first buffer (1 MB, or four times the compressed size if more), 1 MB chunks for what really
    /// decompresses beyond it and, when all the declared data came, the array they are joined into; and 1.25 MB.
    /// </summary>
    private static long GzipBound(byte[] compressed, long decompressed) => Math.Max(1 << 20, 4L * compressed.Length) + 2 * decompressed + (5 << 18);

    private static readonly byte[] Pristine = IdxFiles.Build(0x08, [20, 8, 8], seed: 1);

    [Fact]
    public void Every_gzip_mutant_is_refused_with_the_file_named_or_reads_as_the_pristine_file()
    {
        byte[] gzip = IdxFiles.Gzip(Pristine);
        string path = _temp.File("mutant-idx3-ubyte.gz");
        var mutations = new GzipMutations(gzip);
        var runner = new MutantRunner("IdxReader.Read (gzip)", output);
        runner.Run(FuzzSettings.Mutants, FuzzSettings.Seed + 2, mutations.Next, mutant =>
        {
            File.WriteAllBytes(path, mutant.Bytes);
            IdxArray? array = null;
            var attempt = Attempt.Of(() => array = IdxReader.Read(path));
            long bound = GzipBound(mutant.Bytes, 2 * Pristine.Length);
            if (attempt.Error is not null)
            {
                attempt.AssertRefused(path, bound, typeof(InvalidDataException));
                return ("refused", attempt);
            }
            attempt.AssertBounded(bound);
            Assert.Equal(IdxElementType.UnsignedByte, array!.ElementType);
            Assert.Equal([20, 8, 8], array.Dimensions.ToArray());
            Assert.Equal(Pristine[16..], array.Data);
            return ("read as the pristine file", attempt);
        });
        Assert.True(runner.Count("refused") > FuzzSettings.Mutants / 2);
        Assert.True(runner.Count("read as the pristine file") > 0);
    }

    [Fact]
    public void Every_raw_or_gzipped_mutant_is_read_exactly_as_the_format_defines_or_refused()
    {
        string raw = _temp.File("mutant-idx3-ubyte"), gzipped = _temp.File("mutant-idx3-ubyte.gz");
        var mutations = new IdxMutations(Pristine);
        var runner = new MutantRunner("IdxReader.Read (raw and gzipped, against the format)", output);
        runner.Run(FuzzSettings.Mutants, FuzzSettings.Seed + 3, mutations.Next, mutant =>
        {
            var expected = IdxFiles.Decode(mutant.Bytes);
            Attempt rawAttempt = Check(raw, mutant.Bytes, expected, RawBound(mutant.Bytes));
            // A mutant whose first bytes are gzip's magic is read as gzip even raw: the decoder calls it invalid, and so must the reader.
            byte[] compressed = IdxFiles.Gzip(mutant.Bytes);
            Check(gzipped, compressed, expected, GzipBound(compressed, mutant.Bytes.Length));
            return (expected is null ? "refused" : "read as the format defines", rawAttempt);
        });
        Assert.True(runner.Count("refused") > FuzzSettings.Mutants / 4);
        Assert.True(runner.Count("read as the format defines") > 0);
    }

    private static Attempt Check(string path, byte[] file, (byte Type, int[] Dimensions, byte[] Data)? expected, long bound)
    {
        File.WriteAllBytes(path, file);
        IdxArray? array = null;
        var attempt = Attempt.Of(() => array = IdxReader.Read(path));
        if (expected is not { } e)
        {
            attempt.AssertRefused(path, bound, typeof(InvalidDataException));
            return attempt;
        }
        Assert.True(attempt.Error is null, $"a valid file was refused: {attempt.Error}");
        attempt.AssertBounded(bound);
        Assert.Equal(e.Type, (byte)array!.ElementType);
        Assert.Equal(e.Dimensions, array.Dimensions.ToArray());
        Assert.Equal(e.Data, array.Data);
        return attempt;
    }

    [Fact]
    public void A_gzip_bomb_costs_what_it_really_decompresses_to()
    {
        // 8 MB of zeros in an 8 KB gzip, under a header declaring 2,000,000,000 bytes.
        byte[] header = [0, 0, 0x08, 1, 0x77, 0x35, 0x94, 0x00];
        byte[] bomb = IdxFiles.Gzip([.. header, .. new byte[8 << 20]]);
        string path = _temp.File("bomb-idx1-ubyte.gz");
        File.WriteAllBytes(path, bomb);
        var attempt = Attempt.Of(() => IdxReader.Read(path));
        attempt.AssertRefused(path, GzipBound(bomb, 8 << 20), typeof(InvalidDataException));
        Messages.Names(attempt.Error!, "expected 2,000,000,000 bytes", "found 8,388,608");
        output.WriteLine($"a {bomb.Length:N0}-byte gzip bomb of 8 MB: refused after allocating {attempt.Allocated:N0} bytes in {attempt.Elapsed.TotalMilliseconds:F0} ms");
    }
}
