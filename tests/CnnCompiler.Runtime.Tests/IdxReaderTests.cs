using System.Buffers.Binary;

namespace CnnCompiler.Runtime.Tests;

public class IdxReaderTests
{
    [Fact]
    public void Reads_raw_unsigned_byte_file_from_a_stream()
    {
        var array = IdxReader.Read(new MemoryStream(IdxTestFiles.CountingBytes(2, 3, 4)), "images");

        Assert.Equal(IdxElementType.UnsignedByte, array.ElementType);
        Assert.Equal([2, 3, 4], array.Dimensions.ToArray());
        Assert.Equal(2, array.Count);
        Assert.Equal(24, array.ElementCount);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (byte)i), array.Data);
    }

    [Fact]
    public void Reads_gzip_by_its_magic_whatever_the_file_is_called()
    {
        using var dir = new IdxTestFiles.TempDirectory();
        byte[] raw = IdxTestFiles.CountingBytes(5, 7);
        string gzipWithoutExtension = dir.Write("labels-idx2-ubyte", IdxTestFiles.Gzip(raw));
        string rawWithGzExtension = dir.Write("labels-idx2-ubyte.gz", raw);

        var fromGzip = IdxReader.Read(gzipWithoutExtension);
        var fromRaw = IdxReader.Read(rawWithGzExtension);

        Assert.Equal([5, 7], fromGzip.Dimensions.ToArray());
        Assert.Equal(raw.AsSpan(12).ToArray(), fromGzip.Data);
        Assert.Equal(fromGzip.Data, fromRaw.Data);
    }

    [Fact]
    public void Reads_gzip_from_a_stream_that_cannot_seek()
    {
        byte[] raw = IdxTestFiles.CountingBytes(3, 2, 2);

        var array = IdxReader.Read(new ForwardOnlyStream(IdxTestFiles.Gzip(raw)));

        Assert.Equal([3, 2, 2], array.Dimensions.ToArray());
        Assert.Equal(raw.AsSpan(16).ToArray(), array.Data);
    }

    [Fact]
    public void Converts_unsigned_bytes_to_floats_by_division_like_torchvision()
    {
        byte[] file = IdxTestFiles.Build(0x08, [4], [0, 51, 102, 255]);

        float[] values = IdxReader.Read(new MemoryStream(file)).ToSingleArray(255f);

        // ToTensor computes byte / 255 in float32: 51 / 255 rounds to exactly 0.2f, whereas 51 · (1 / 255f) does not.
        Assert.Equal([0f, 0.2f, 0.4f, 1f], values);
    }

    [Fact]
    public void Decodes_big_endian_multi_byte_types()
    {
        var int16 = new byte[4];
        BinaryPrimitives.WriteInt16BigEndian(int16, -300);
        BinaryPrimitives.WriteInt16BigEndian(int16.AsSpan(2), 1234);
        var int32 = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(int32, -70000);
        BinaryPrimitives.WriteInt32BigEndian(int32.AsSpan(4), 5);
        var float32 = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(float32, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(float32.AsSpan(4), -0.25f);
        var float64 = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(float64, 2.5);
        BinaryPrimitives.WriteDoubleBigEndian(float64.AsSpan(8), -8.0);

        Assert.Equal([-300, 1234], Read(0x0B, int16).ToInt32Array());
        Assert.Equal([-300f, 1234f], Read(0x0B, int16).ToSingleArray());
        Assert.Equal([-70000, 5], Read(0x0C, int32).ToInt32Array());
        Assert.Equal([-128, 127], Read(0x09, [0x80, 0x7F]).ToInt32Array());
        Assert.Equal([1.5f, -0.25f], Read(0x0D, float32).ToSingleArray());
        Assert.Equal([5f, -16f], Read(0x0E, float64).ToSingleArray(0.5f));

        static IdxArray Read(byte type, byte[] payload) =>
            IdxReader.Read(new MemoryStream(IdxTestFiles.Build(type, [2], payload)));
    }

    [Fact]
    public void Refuses_to_read_floats_as_integer_labels()
    {
        var array = IdxReader.Read(new MemoryStream(IdxTestFiles.Build(0x0D, [1], new byte[4])));

        var error = Assert.Throws<InvalidOperationException>(() => array.ToInt32Array());
        Assert.Contains("float32", error.Message);
    }

    [Fact]
    public void Truncated_payload_names_expected_and_found_lengths()
    {
        byte[] file = IdxTestFiles.CountingBytes(10, 28, 28)[..(16 + 1234)];

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "images.idx"));

        Assert.Equal(
            "images.idx: expected 7,840 bytes of data (10×28×28 unsigned byte) after the 16-byte header, found 1,234.",
            error.Message);
    }

    [Fact]
    public void Truncated_payload_inside_gzip_is_reported_like_a_raw_one()
    {
        byte[] file = IdxTestFiles.Gzip(IdxTestFiles.CountingBytes(10, 28, 28)[..(16 + 1234)]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "images.gz"));

        Assert.Contains("expected 7,840 bytes of data", error.Message);
        Assert.Contains("found 1,234", error.Message);
    }

    [Fact]
    public void Trailing_bytes_are_an_error()
    {
        byte[] file = [.. IdxTestFiles.CountingBytes(2, 2), 9, 9, 9];

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "labels"));

        Assert.StartsWith("labels: found 3 trailing bytes after the 4 bytes of data (2×2 unsigned byte)", error.Message);
    }

    [Fact]
    public void Magic_must_start_with_two_zero_bytes()
    {
        byte[] file = IdxTestFiles.CountingBytes(4);
        file[1] = 0x12;

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "x"));

        Assert.Equal("x: not an IDX file: the magic number must start with two zero bytes, found 0x00 0x12.", error.Message);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x0A)]
    [InlineData(0x0F)]
    public void Unknown_type_code_is_an_error(byte typeCode)
    {
        byte[] file = IdxTestFiles.Build(typeCode, [4], new byte[4]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "x"));

        Assert.StartsWith($"x: unknown IDX element type code 0x{typeCode:X2}", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Rank_outside_one_to_four_is_an_error(int rank)
    {
        byte[] file = IdxTestFiles.Build(0x08, Enumerable.Repeat(1, rank).ToArray(), [1]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "x"));

        Assert.Equal($"x: IDX rank must be between 1 and 4; found {rank}.", error.Message);
    }

    [Fact]
    public void Zero_dimension_is_an_error()
    {
        byte[] file = IdxTestFiles.Build(0x08, [3, 0], []);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "x"));

        Assert.StartsWith("x: dimension 1 must be between 1 and 2,147,483,647; found 0.", error.Message);
    }

    [Fact]
    public void Short_header_is_an_error()
    {
        byte[] file = IdxTestFiles.CountingBytes(4, 4)[..9];

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "x"));

        Assert.Equal("x: expected a 12-byte header for rank 2, found only 9 bytes.", error.Message);
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream([]), "x"));

        Assert.Equal("x: expected a 4-byte IDX magic number, found only 0 bytes.", error.Message);
    }

    [Fact]
    public void Corrupt_gzip_names_the_file()
    {
        using var dir = new IdxTestFiles.TempDirectory();
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.CountingBytes(50, 28, 28));
        gzip.AsSpan(12, 40).Fill(0xFF); // inside the deflate data, after the 10-byte gzip header
        string path = dir.Write("train-images-idx3-ubyte.gz", gzip);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.StartsWith($"{path}: the gzip stream is corrupt", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void Gzip_cut_short_names_the_file()
    {
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.CountingBytes(50, 28, 28));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(gzip[..(gzip.Length / 2)]), "cut.gz"));

        Assert.StartsWith("cut.gz: expected 39,200 bytes of data (50×28×28 unsigned byte) after the 16-byte header, found ", error.Message);
    }

    [Fact]
    public void Gzip_with_a_wrong_checksum_names_the_file()
    {
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.CountingBytes(50, 28, 28));
        gzip[^8] ^= 0xFF; // the CRC-32 in the 8-byte trailer

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(gzip), "crc.gz"));

        Assert.StartsWith("crc.gz: the gzip stream is corrupt", error.Message);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        using var dir = new IdxTestFiles.TempDirectory();
        string path = Path.Combine(dir.Path, "absent.idx");

        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(path));
    }

    /// <summary>A stream that can only be read forwards, like a network or pipe stream.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
