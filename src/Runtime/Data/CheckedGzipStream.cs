using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace CnnCompiler;

/// <summary>
/// Decompresses gzip (RFC 1952) from a seekable stream, member after member, and checks what <see cref="GZipStream"/>
/// lets pass: every member must end with its 8-byte trailer (the CRC-32 and size of its data) matching what it
/// decompressed to, and nothing but further members may follow the last one. Damage is an
/// <see cref="InvalidDataException"/>; input that ends inside a member ends the data early, and
/// <see cref="RequireComplete"/> then says so (a reader that finds its data short reports that first).
/// <para>
/// <see cref="DeflateStream"/> reads ahead of the compressed data it needs and does not say where that data ended, so
/// each member's input is handed to it in chunks of at most <see cref="ChunkLength"/> bytes: the data ends inside the last chunk
/// handed, and the trailer is the 8 bytes there that match the CRC-32 and size of the decompressed data.
/// </para>
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    private const int ChunkLength = 8192;
    private const int TrailerLength = 8;

    private readonly Stream _input;
    private readonly long _end;
    private MemberInput? _member;
    private DeflateStream? _deflate;
    private uint _crc;
    private long _size;
    private int _members;
    private string? _incomplete;

    /// <param name="input">Seekable, positioned at the first member's header; read up to its end.</param>
    public CheckedGzipStream(Stream input)
    {
        _input = input;
        _end = input.Length;
    }

    /// <summary>Bytes of compressed input.</summary>
    public long CompressedLength => _end;

    /// <summary>Throws if the input ended inside a member (the data read so far is then incomplete).</summary>
    public void RequireComplete()
    {
        if (_incomplete is not null) throw new InvalidDataException(_incomplete);
    }

    public override int Read(Span<byte> buffer)
    {
        while (_incomplete is null)
        {
            if (_deflate is null && !BeginMember()) return 0;
            int read = _deflate!.Read(buffer);
            if (read > 0)
            {
                _crc = Crc32.Append(_crc, buffer[..read]);
                _size += read;
                return read;
            }
            EndMember();
        }
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Reads the next member's header; false at the end of the input after at least one member.</summary>
    private bool BeginMember()
    {
        long start = _input.Position;
        if (start == _end && _members > 0) return false;
        Span<byte> fixedPart = stackalloc byte[10];
        int got = _input.ReadAtLeast(fixedPart, fixedPart.Length, throwOnEndOfStream: false);
        if (_members > 0 && (got < 2 || fixedPart[0] != 0x1F || fixedPart[1] != 0x8B))
            throw Corrupt($"{Count(_end - start)} bytes follow the last gzip member, and they are not another member");
        if (got < fixedPart.Length) throw Corrupt($"member {_members + 1} ends inside its 10-byte header");
        if (fixedPart[0] != 0x1F || fixedPart[1] != 0x8B) throw Corrupt("it does not begin with the gzip magic bytes 1F 8B");
        if (fixedPart[2] != 8) throw Corrupt($"member {_members + 1} uses compression method {fixedPart[2]}, not deflate (8)");
        byte flags = fixedPart[3];
        if ((flags & 0xE0) != 0) throw Corrupt($"member {_members + 1} sets reserved header flags (0x{flags:X2})");
        uint headerCrc = Crc32.Append(0, fixedPart);
        if ((flags & 0x04) != 0)
        {
            Span<byte> lengthBytes = stackalloc byte[2];
            headerCrc = ReadHeaderPart(lengthBytes, headerCrc);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes);
            headerCrc = ReadHeaderPart(new byte[extraLength], headerCrc);
        }
        if ((flags & 0x08) != 0) headerCrc = SkipZeroTerminated(headerCrc);
        if ((flags & 0x10) != 0) headerCrc = SkipZeroTerminated(headerCrc);
        if ((flags & 0x02) != 0)
        {
            Span<byte> recorded = stackalloc byte[2];
            ReadHeaderPart(recorded, 0);
            if (BinaryPrimitives.ReadUInt16LittleEndian(recorded) != (ushort)headerCrc)
                throw Corrupt($"member {_members + 1}'s header CRC does not match its header");
        }
        _members++;
        _member = new MemberInput(_input, _end);
        _deflate = new DeflateStream(_member, CompressionMode.Decompress, leaveOpen: true);
        _crc = 0;
        _size = 0;
        return true;
    }

    /// <summary>After the member's deflate data ended: finds and checks its trailer, and moves to what follows it.</summary>
    private void EndMember()
    {
        MemberInput member = _member!;
        long from = Math.Max(member.Start, member.Handed - member.LastChunkLength);
        var window = new byte[(int)(Math.Min(member.Handed + TrailerLength, _end) - from)];
        _input.Position = from;
        window = window[.._input.ReadAtLeast(window, window.Length, throwOnEndOfStream: false)];
        Span<byte> expected = stackalloc byte[TrailerLength];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc);
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], (uint)_size);
        int found = window.AsSpan().IndexOf(expected);
        if (found >= 0 && (RepeatsItself(expected) || window.AsSpan(found + 1).IndexOf(expected) >= 0))
        {
            // A trailer that overlaps a shifted copy of itself (an empty member's is all zeros) can also match a little
            // before or after its place: only the exact end of the deflate data tells where it is.
            long exact = ExactEndOfDeflateData(member, from) - from;
            found = exact + TrailerLength <= window.Length && window.AsSpan((int)exact, TrailerLength).SequenceEqual(expected) ? (int)exact : -1;
        }
        _deflate!.Dispose();
        _deflate = null;
        _member = null;
        if (found >= 0)
        {
            _input.Position = from + found + TrailerLength;
            return;
        }
        if (member.AskedPastEnd)
        {
            // The deflate data wanted more input than there is: the file is cut short inside this member.
            _incomplete = $"the gzip stream ends inside member {_members}, before its data and CRC-32/size trailer are complete (the file is cut short).";
            return;
        }
        throw Corrupt(string.Create(CultureInfo.InvariantCulture,
            $"member {_members}'s 8-byte trailer is missing, cut short or does not match its data (CRC-32 0x{_crc:X8} and {_size:N0} bytes expected)"));
    }

    private static bool RepeatsItself(ReadOnlySpan<byte> trailer)
    {
        for (int shift = 1; shift < trailer.Length; shift++)
        {
            if (trailer[shift..].SequenceEqual(trailer[..^shift])) return true;
        }
        return false;
    }

    /// <summary>Decompresses the member again, handing it its input one byte at a time from <paramref name="from"/>, to learn exactly where its deflate data ends.</summary>
    private long ExactEndOfDeflateData(MemberInput member, long from)
    {
        _input.Position = member.Start;
        var again = new MemberInput(_input, _end, byteByByteFrom: from);
        using (var deflate = new DeflateStream(again, CompressionMode.Decompress, leaveOpen: true))
        {
            Span<byte> scratch = stackalloc byte[4096];
            while (deflate.Read(scratch) > 0)
            {
            }
        }
        return again.Handed;
    }

    private uint ReadHeaderPart(Span<byte> part, uint crc)
    {
        if (_input.ReadAtLeast(part, part.Length, throwOnEndOfStream: false) < part.Length)
            throw Corrupt($"member {_members + 1} ends inside its header");
        return Crc32.Append(crc, part);
    }

    private uint SkipZeroTerminated(uint crc)
    {
        Span<byte> one = stackalloc byte[1];
        do crc = ReadHeaderPart(one, crc);
        while (one[0] != 0);
        return crc;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static InvalidDataException Corrupt(string problem) => new(problem + ".");

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _deflate?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>One member's compressed input, handed out in chunks, remembering how far it got and whether more was asked for at the end.</summary>
    private sealed class MemberInput(Stream input, long end, long byteByByteFrom = long.MaxValue) : Stream
    {
        public long Start { get; } = input.Position;

        /// <summary>The position in the input just past the last byte handed out.</summary>
        public long Handed { get; private set; } = input.Position;

        public int LastChunkLength { get; private set; }

        public bool AskedPastEnd { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            if (Handed == end)
            {
                AskedPastEnd = true;
                return 0;
            }
            if (input.Position != Handed) input.Position = Handed;
            int chunk = Handed >= byteByByteFrom ? 1 : (int)Math.Min(ChunkLength, byteByByteFrom - Handed);
            int read = input.Read(buffer[..(int)Math.Min(Math.Min(buffer.Length, chunk), end - Handed)]);
            Handed += read;
            LastChunkLength = read;
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
