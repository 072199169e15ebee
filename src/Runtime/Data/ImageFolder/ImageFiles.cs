using System.Buffers.Binary;
using System.Globalization;
using StbImageSharp;

namespace CnnCompiler;

internal enum ImageFormat
{
    Png,
    Jpeg,
    Bmp,
}

/// <summary>What the checks read from a file's header: its format, size in pixels and channels as stored.</summary>
internal readonly record struct ImageHeader(ImageFormat Format, int Width, int Height, int Channels);

/// <summary>
/// The checks every image passes before the decoder sees it, and the decoding itself. The decoder (StbImageSharp, a C#
/// port of stb_image with pointer arithmetic) is only handed files that are structurally whole: a PNG whose every chunk
/// passes its CRC up to IEND, a JPEG with its frame header before the scan and an end-of-image marker after it, a BMP
/// whose pixel array fits in the file; and whose header declares at most <see cref="ImageFolderOptions.MaxImagePixels"/>
/// pixels, so no crafted header makes it allocate more than that. Every failure is an <see cref="InvalidDataException"/>
/// naming the file.
/// </summary>
internal static class ImageFiles
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The extensions read, as torchvision's <c>IMG_EXTENSIONS</c> has them for these formats (any case).</summary>
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp"];

    public static bool HasImageExtension(string path)
    {
        string extension = Path.GetExtension(path);
        foreach (string e in Extensions)
        {
            if (string.Equals(e, extension, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Checks the file's structure and reads its header; throws <see cref="InvalidDataException"/> naming <paramref name="path"/>.</summary>
    public static ImageHeader Check(string path, ReadOnlySpan<byte> bytes, long maxPixels)
    {
        if (bytes.Length == 0) throw Bad(path, "is empty (0 bytes)");
        ImageHeader header;
        if (bytes.StartsWith(PngSignature)) header = CheckPng(path, bytes);
        else if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) header = CheckJpeg(path, bytes);
        else if (bytes.Length >= 2 && bytes[0] == (byte)'B' && bytes[1] == (byte)'M') header = CheckBmp(path, bytes);
        else throw Bad(path, $"is not a PNG, JPEG or BMP image: it begins with the bytes {Hex(bytes[..Math.Min(8, bytes.Length)])}");
        if (header.Width < 1 || header.Height < 1)
            throw Bad(path, $"declares a {header.Format} image of {header.Width}×{header.Height} pixels");
        if ((long)header.Width * header.Height > maxPixels)
            throw Bad(path, Invariant($"declares {header.Width}×{header.Height} pixels, more than the limit of {maxPixels:N0} (ImageFolderOptions.MaxImagePixels); it was not decoded"));
        return header;
    }

    /// <summary>
    /// Decodes a checked file to 8-bit pixels, row-major with <paramref name="channels"/> interleaved channels: 1 is gray
    /// (ITU-R 601 luma, as PIL's <c>convert("L")</c>), 3 is RGB (gray replicated, alpha dropped as PIL's <c>convert("RGB")</c>).
    /// </summary>
    public static byte[] Decode(string path, byte[] bytes, ImageHeader header, int channels)
    {
        ImageResult result;
        try
        {
            result = ImageResult.FromMemory(bytes, channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string reason = e.Message.Trim();
            throw Bad(path, $"is not a valid {header.Format} image: the decoder stopped with '{(reason.Length == 0 ? e.GetType().Name : reason)}'", e);
        }
        if (result is null || result.Data is null || result.Width != header.Width || result.Height != header.Height
            || result.Data.Length != (long)header.Width * header.Height * channels)
            throw Bad(path, $"decoded to something other than the {header.Width}×{header.Height} image its header declares");
        return result.Data;
    }

    private static ImageHeader CheckPng(string path, ReadOnlySpan<byte> bytes)
    {
        int position = PngSignature.Length;
        int width = 0, height = 0, channels = 0;
        bool sawHeader = false, sawData = false;
        while (true)
        {
            if (bytes.Length - position < 12)
                throw Bad(path, Invariant($"is truncated: it ends at byte {bytes.Length:N0} before its IEND chunk"));
            uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
            string type = System.Text.Encoding.ASCII.GetString(bytes.Slice(position + 4, 4));
            if (length > int.MaxValue || length > bytes.Length - position - 12)
                throw Bad(path, Invariant($"is truncated: chunk '{type}' at byte {position:N0} declares {length:N0} bytes of data, and the file ends {bytes.Length - position - 12:N0} bytes after its header"));
            ReadOnlySpan<byte> typeAndData = bytes.Slice(position + 4, 4 + (int)length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(bytes[(position + 8 + (int)length)..]);
            if (Crc32.Append(0, typeAndData) != stored)
                throw Bad(path, Invariant($"is corrupt: chunk '{type}' at byte {position:N0} fails its CRC"));
            ReadOnlySpan<byte> data = typeAndData[4..];
            if (!sawHeader)
            {
                if (type != "IHDR" || length != 13) throw Bad(path, $"is corrupt: its first chunk is '{type}', not a 13-byte IHDR");
                width = checked((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data), int.MaxValue));
                height = checked((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[4..]), int.MaxValue));
                channels = data[9] switch { 0 => 1, 2 => 3, 3 => 3, 4 => 2, 6 => 4, _ => throw Bad(path, $"is corrupt: IHDR colour type {data[9]} is not one PNG defines") };
                sawHeader = true;
            }
            if (type == "IDAT") sawData = true;
            position += 12 + (int)length;
            if (type == "IEND") break;
        }
        if (!sawData) throw Bad(path, "is corrupt: it has no IDAT chunk (no pixel data)");
        return new ImageHeader(ImageFormat.Png, width, height, channels);
    }

    private static ImageHeader CheckJpeg(string path, ReadOnlySpan<byte> bytes)
    {
        int position = 2;
        int width = 0, height = 0, channels = 0;
        while (true)
        {
            if (position + 2 > bytes.Length) throw Bad(path, Invariant($"is truncated: it ends at byte {bytes.Length:N0}, before its image data"));
            if (bytes[position] != 0xFF)
                throw Bad(path, Invariant($"is corrupt: byte {position:N0} should begin a JPEG marker (0xFF) but is 0x{bytes[position]:X2}"));
            byte marker = bytes[position + 1];
            if (marker == 0xFF) { position++; continue; } // fill byte
            position += 2;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue; // markers without a length
            if (marker == 0xD9) throw Bad(path, "is corrupt: it ends (EOI marker) before any image data");
            if (position + 2 > bytes.Length) throw Bad(path, Invariant($"is truncated: it ends at byte {bytes.Length:N0}, inside a marker segment"));
            int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2 || position + length > bytes.Length)
                throw Bad(path, Invariant($"is truncated: marker 0xFF{marker:X2} at byte {position - 2:N0} declares {length:N0} bytes, and the file ends {bytes.Length - position:N0} bytes later"));
            bool frame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (frame)
            {
                if (length < 8) throw Bad(path, "is corrupt: its frame header is shorter than 8 bytes");
                height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 3)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 5)..]);
                channels = bytes[position + 7];
            }
            if (marker == 0xDA)
            {
                if (width == 0) throw Bad(path, "is corrupt: its image data (SOS) comes before any frame header (SOF)");
                position += length;
                break;
            }
            position += length;
        }
        // The end-of-image marker: inside entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so
        // FF D9 after the first scan is the end of the image and a file cut anywhere in its data lacks it (the decoder
        // would fill the missing rows with gray and say nothing).
        if (bytes[position..].IndexOf([(byte)0xFF, (byte)0xD9]) < 0)
            throw Bad(path, Invariant($"is truncated: its image data runs to the end of the file ({bytes.Length:N0} bytes) without the end-of-image marker FF D9"));
        if (channels is not (1 or 3 or 4)) throw Bad(path, $"is a JPEG with {channels} components; 1 (gray), 3 (YCbCr) and 4 (CMYK) are read");
        return new ImageHeader(ImageFormat.Jpeg, width, height, channels);
    }

    private static ImageHeader CheckBmp(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30) throw Bad(path, Invariant($"is truncated: {bytes.Length} bytes cannot hold a BMP header"));
        uint dataOffset = BinaryPrimitives.ReadUInt32LittleEndian(bytes[10..]);
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes[14..]);
        if (headerSize < 40 || bytes.Length < 14 + 40)
            throw Bad(path, Invariant($"is a BMP with a {headerSize}-byte info header; BITMAPINFOHEADER (40 bytes) and its successors are read"));
        int width = BinaryPrimitives.ReadInt32LittleEndian(bytes[18..]);
        int rawHeight = BinaryPrimitives.ReadInt32LittleEndian(bytes[22..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]);
        uint compression = BinaryPrimitives.ReadUInt32LittleEndian(bytes[30..]);
        if (rawHeight == int.MinValue || width <= 0) throw Bad(path, Invariant($"declares a BMP of {width}×{rawHeight} pixels"));
        int height = Math.Abs(rawHeight);
        if (bits is not (1 or 4 or 8 or 16 or 24 or 32)) throw Bad(path, $"is a BMP of {bits} bits per pixel; 1, 4, 8, 16, 24 and 32 are read");
        if (compression is 0 or 3 or 6)
        {
            long stride = ((long)bits * width + 31) / 32 * 4;
            long needed = stride * height;
            if (dataOffset > bytes.Length || needed > bytes.Length - dataOffset)
                throw Bad(path, Invariant($"is truncated: its {width}×{height} pixels need {needed:N0} bytes from byte {dataOffset:N0}, and the file holds {bytes.Length:N0}"));
        }
        else if (compression is not (1 or 2)) throw Bad(path, $"is a BMP with compression {compression}; uncompressed, bit-field and RLE bitmaps are read");
        return new ImageHeader(ImageFormat.Bmp, width, height, bits == 32 ? 4 : 3);
    }

    public static InvalidDataException Bad(string path, string what, Exception? inner = null) => new($"{path} {what}.", inner);

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + " " + b);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
