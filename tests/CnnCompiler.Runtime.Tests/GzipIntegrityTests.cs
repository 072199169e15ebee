using System.IO.Compression;

namespace CnnCompiler.Runtime.Tests;

/// <summary>
/// Gzip-compressed IDX files: every member's CRC-32/size trailer is checked and nothing may follow the last member,
/// which GZipStream alone lets pass; headers with the optional fields and files of several members still read.
/// </summary>
public class GzipIntegrityTests
{
    private static readonly byte[] Raw = IdxTestFiles.CountingBytes(30, 28, 28);

    /// <summary>A member holding nothing: header, an empty final deflate block, CRC 0, size 0 (GZipStream writes no bytes at all for nothing).</summary>
    private static readonly byte[] EmptyMember = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    private static IdxArray Read(byte[] file) => IdxReader.Read(new MemoryStream(file), "f.gz");

    private static byte[] Deflate(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(raw);
        return output.ToArray();
    }

    /// <summary>A gzip member written field by field (RFC 1952), with a file name, a comment, an extra field and a header CRC.</summary>
    private static byte[] MemberWithEveryHeaderField(byte[] raw, bool rightHeaderCrc = true)
    {
        var header = new List<byte> { 0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 1, 2, 3, 4, 0, 3 };
        header.AddRange([4, 0, (byte)'a', (byte)'b', 2, 0]);            // FEXTRA: XLEN 4, one subfield
        header.AddRange("images.idx\0"u8.ToArray());                    // FNAME
        header.AddRange("made by hand\0"u8.ToArray());                  // FCOMMENT
        ushort headerCrc = (ushort)BitwiseCrc(header.ToArray());
        header.AddRange(BitConverter.GetBytes((ushort)(rightHeaderCrc ? headerCrc : headerCrc ^ 1)));
        return [.. header, .. Deflate(raw), .. BitConverter.GetBytes(BitwiseCrc(raw)), .. BitConverter.GetBytes((uint)raw.Length)];
    }

    [Fact]
    public void Optional_header_fields_and_several_members_read_as_one_file()
    {
        Assert.Equal(Raw[16..], Read(MemberWithEveryHeaderField(Raw)).Data);
        Assert.Equal(Raw[16..], Read([.. IdxTestFiles.Gzip(Raw[..1000]), .. MemberWithEveryHeaderField(Raw[1000..5000]), .. IdxTestFiles.Gzip(Raw[5000..])]).Data);
        Assert.Equal(Raw[16..], Read([.. IdxTestFiles.Gzip(Raw), .. EmptyMember]).Data);
    }

    [Fact]
    public void A_wrong_header_crc_is_corrupt()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(MemberWithEveryHeaderField(Raw, rightHeaderCrc: false)));
        Assert.Equal("f.gz: the gzip stream is corrupt: member 1's header CRC does not match its header.", error.Message);
    }

    [Fact]
    public void Every_truncation_of_a_member_is_refused()
    {
        byte[] gzip = IdxTestFiles.Gzip(Raw);
        for (int length = 1; length < gzip.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => Read(gzip[..length]));
            Assert.StartsWith("f.gz: ", error.Message);
        }
    }

    [Fact]
    public void A_file_cut_inside_the_trailer_or_inside_a_later_member_says_so()
    {
        byte[] gzip = IdxTestFiles.Gzip(Raw);
        foreach (int cut in new[] { 1, 8 })
        {
            Assert.StartsWith(
                "f.gz: the gzip stream is corrupt: member 1's 8-byte trailer is missing, cut short or does not match its data (CRC-32 0x",
                Assert.Throws<InvalidDataException>(() => Read(gzip[..^cut])).Message);
        }
        // All the data came in member 1; member 2 (empty) is cut inside its deflate data.
        Assert.Equal(
            "f.gz: the gzip stream ends inside member 2, before its data and CRC-32/size trailer are complete (the file is cut short).",
            Assert.Throws<InvalidDataException>(() => Read([.. gzip, .. EmptyMember[..^9]])).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    public void A_flipped_bit_in_the_crc_or_size_is_corrupt(int fromEnd)
    {
        byte[] gzip = IdxTestFiles.Gzip(Raw);
        gzip[^fromEnd] ^= 0x10;
        Assert.StartsWith("f.gz: the gzip stream is corrupt: ", Assert.Throws<InvalidDataException>(() => Read(gzip)).Message);
    }

    [Fact]
    public void Bytes_after_the_last_member_are_named()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read([.. IdxTestFiles.Gzip(Raw), 0, 0, 0, 0]));
        Assert.Equal("f.gz: the gzip stream is corrupt: 4 bytes follow the last gzip member, and they are not another member.", error.Message);
        // An empty member's trailer is eight zero bytes; zeros after it are still not a member.
        error = Assert.Throws<InvalidDataException>(() => Read([.. IdxTestFiles.Gzip(Raw), .. EmptyMember, .. EmptyMember, 0, 0, 0]));
        Assert.Equal("f.gz: the gzip stream is corrupt: 3 bytes follow the last gzip member, and they are not another member.", error.Message);
    }

    [Fact]
    public void The_crc_of_long_input_matches_the_bitwise_definition()
    {
        var data = new byte[10_007];
        new Random(3).NextBytes(data);
        Assert.Equal(BitwiseCrc(data), Crc32.Append(0, data));
        Assert.Equal(BitwiseCrc(data), Crc32.Append(Crc32.Append(0, data.AsSpan(0, 4321)), data.AsSpan(4321)));
    }

    /// <summary>CRC-32 (ISO 3309) one bit at a time, as RFC 1952 defines it.</summary>
    private static uint BitwiseCrc(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
