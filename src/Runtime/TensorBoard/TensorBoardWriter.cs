using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using CnnCompiler.TensorBoardFormat.Protobuf;
using Google.Protobuf;

namespace CnnCompiler;

/// <summary>
/// Writes a TensorBoard event file (<c>events.out.tfevents.&lt;seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;</c>) in a folder:
/// scalars, PNG images and histograms, each an <c>Event</c> protobuf message (tensorflow's event.proto and summary.proto,
/// serialized by Google.Protobuf) in a TFRecord: the data's length as 8 bytes little-endian, the masked CRC-32C of those 8
/// bytes, the data, the masked CRC-32C of the data. The first record is the file version, <c>brain.Event:2</c>.
/// <c>tensorboard --logdir DIR</c> shows them. <see cref="Trainer.Fit"/> writes one when
/// <see cref="TrainingOptions.TensorBoardDirectory"/> is set; use this class directly for values of your own.
/// Records are flushed to the file at <see cref="Flush"/> and <see cref="Dispose"/>. One writer per thread.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private static int s_files;
    private readonly FileStream _stream;

    /// <summary>Creates <paramref name="directory"/> if needed and a new event file in it.</summary>
    public TensorBoardWriter(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        long seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string host = string.Concat(Environment.MachineName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        string name = string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{seconds}.{host}.{Environment.ProcessId}.{Interlocked.Increment(ref s_files)}");
        FilePath = Path.Combine(directory, name);
        _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        Write(new Event { WallTime = WallTime(), FileVersion = "brain.Event:2" });
    }

    /// <summary>The event file being written.</summary>
    public string FilePath { get; }

    /// <summary>A point of the scalar series <paramref name="tag"/> (TensorBoard's Scalars tab).</summary>
    public void AddScalar(string tag, double value, long step)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        WriteSummary(step, new Summary.Types.Value { Tag = tag, SimpleValue = (float)value });
    }

    /// <summary>A PNG image (TensorBoard's Images tab); <paramref name="channels"/> 1 (gray), 2, 3 (RGB) or 4 (RGBA).</summary>
    public void AddImage(string tag, ReadOnlySpan<byte> png, int width, int height, int channels, long step)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), channels, "1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA).");
        var image = new Summary.Types.Image { Width = width, Height = height, Colorspace = channels, EncodedImageString = ByteString.CopyFrom(png) };
        WriteSummary(step, new Summary.Types.Value { Tag = tag, Image = image });
    }

    /// <summary>
    /// A histogram of <paramref name="values"/> (TensorBoard's Histograms and Distributions tabs): <paramref name="buckets"/>
    /// equal-width buckets from the smallest to the largest value, as <c>torch.utils.tensorboard</c>'s <c>add_histogram</c>
    /// writes them (bucket i counts the values up to <c>bucket_limit[i]</c>). Non-finite values are not counted.
    /// </summary>
    public void AddHistogram(string tag, ReadOnlySpan<float> values, long step, int buckets = 30)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buckets);
        WriteSummary(step, new Summary.Types.Value { Tag = tag, Histo = Histogram(values, buckets) });
    }

    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();

    internal static HistogramProto Histogram(ReadOnlySpan<float> values, int buckets)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, squares = 0;
        long count = 0;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            squares += (double)v * v;
            count++;
        }
        var histogram = new HistogramProto { Num = count, Sum = sum, SumSquares = squares };
        if (count == 0) return histogram;
        histogram.Min = min;
        histogram.Max = max;
        if (max == min) buckets = 1;
        var counts = new double[buckets];
        double width = (max - min) / buckets;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            int b = width == 0 ? 0 : Math.Min(buckets - 1, (int)((v - min) / width));
            counts[b]++;
        }
        for (int b = 0; b < buckets; b++)
        {
            histogram.BucketLimit.Add(b == buckets - 1 ? max : min + (b + 1) * width);
            histogram.Bucket.Add(counts[b]);
        }
        return histogram;
    }

    /// <summary>CRC-32C (Castagnoli) of <paramref name="data"/>, as TFRecord uses it before masking.</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (byte b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    /// <summary>TFRecord's masked CRC: rotated right by 15 bits, plus 0xA282EAD8.</summary>
    internal static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C(data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
    }

    private void WriteSummary(long step, Summary.Types.Value value)
    {
        var summary = new Summary();
        summary.Value.Add(value);
        Write(new Event { WallTime = WallTime(), Step = step, Summary = summary });
    }

    private void Write(Event message)
    {
        byte[] data = message.ToByteArray();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc32C(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc32C(data));
        _stream.Write(header);
        _stream.Write(data);
        _stream.Write(footer);
    }

    private static double WallTime() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
