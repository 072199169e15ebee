using System.Buffers.Binary;
using CnnCompiler.TensorBoardFormat.Protobuf;

namespace CnnCompiler.Images.Tests;

public class TensorBoardTests
{
    /// <summary>Reads every record of an event file, checking the masked CRC-32C of its length and of its data.</summary>
    internal static List<Event> ReadEvents(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var events = new List<Event>();
        int position = 0;
        while (position < bytes.Length)
        {
            Assert.True(bytes.Length - position >= 12, $"record header at byte {position} is cut short");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(position));
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 8)), MaskedCrc(bytes.AsSpan(position, 8)));
            Assert.True((ulong)(bytes.Length - position - 16) >= length, $"record at byte {position} is cut short");
            var data = bytes.AsSpan(position + 12, (int)length);
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 12 + (int)length)), MaskedCrc(data));
            events.Add(Event.Parser.ParseFrom(data.ToArray()));
            position += 16 + (int)length;
        }
        return events;
    }

    // CRC-32C bit by bit (the Castagnoli polynomial, reflected 0x82F63B78), independent of the writer's BitOperations path.
    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0x82F63B78 ^ (c >> 1) : c >> 1;
        }
        c = ~c;
        return ((c >> 15) | (c << 17)) + 0xA282EAD8u;
    }

    [Fact]
    public void Crc32C_matches_the_check_value()
    {
        Assert.Equal(0xE3069283u, TensorBoardWriter.Crc32C("123456789"u8));
        Assert.Equal(0x00000000u, TensorBoardWriter.Crc32C([]));
    }

    [Fact]
    public void Fit_writes_scalars_images_and_histograms_that_read_back_with_valid_CRCs()
    {
        string directory = Path.Combine(Path.GetTempPath(), "cnncompiler-tb-" + Guid.NewGuid().ToString("N"));
        try
        {
            var net = new RgbNet(3) { Threads = 1 };
            var random = new Random(1);
            var samples = new float[40 * RgbNet.InputLength];
            for (int i = 0; i < samples.Length; i++) samples[i] = (float)random.NextDouble();
            var labels = Enumerable.Range(0, 40).Select(i => i % 3).ToArray();
            var history = Trainer.Fit(net, new Dataset(samples, labels, 3, 16, 16), new TrainingOptions
            {
                Epochs = 2, BatchSize = 8, Optimizer = new Sgd(0.05f), ValidationSplit = 0.25,
                Progress = TrainingProgress.None, TensorBoardDirectory = directory,
            });
            string file = Assert.Single(Directory.GetFiles(directory));
            Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file));
            List<Event> events = ReadEvents(file);
            Assert.Equal("brain.Event:2", events[0].FileVersion);
            Assert.All(events, e => Assert.InRange(e.WallTime, 1.7e9, 1e10));
            var values = events.Skip(1).Select(e => (e.Step, Value: Assert.Single(e.Summary.Value))).ToList();

            // Per step: the loss and learning rate at global steps 1…8 (30 samples, batch 8: 4 steps per epoch).
            var stepLoss = values.Where(v => v.Value.Tag == "step/loss").ToList();
            Assert.Equal(Enumerable.Range(1, 8).Select(s => (long)s), stepLoss.Select(v => v.Step));
            Assert.All(values.Where(v => v.Value.Tag == "step/learning_rate"), v => Assert.Equal(0.05f, v.Value.SimpleValue));
            // Per epoch: the history's values.
            foreach (var (tag, of) in new (string, Func<EpochMetrics, double?>)[]
                     {
                         ("epoch/loss", m => m.Loss), ("epoch/accuracy", m => m.Accuracy), ("epoch/val_loss", m => m.ValidationLoss),
                         ("epoch/val_accuracy", m => m.ValidationAccuracy), ("epoch/learning_rate", m => m.LearningRate),
                     })
            {
                var series = values.Where(v => v.Value.Tag == tag).ToList();
                Assert.Equal([1L, 2L], series.Select(v => v.Step));
                for (int e = 0; e < 2; e++) Assert.Equal((float)of(history.Epochs[e])!.Value, series[e].Value.SimpleValue);
            }
            // Images: PNG files of the sizes they declare.
            foreach (string tag in new[] { "filters/conv1", "feature_maps/conv1" })
            {
                var images = values.Where(v => v.Value.Tag == tag).Select(v => v.Value.Image).ToList();
                Assert.Equal(2, images.Count);
                foreach (var image in images)
                {
                    byte[] png = image.EncodedImageString.ToByteArray();
                    Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
                    Assert.Equal(image.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
                    Assert.Equal(image.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
                    Assert.Equal(tag.StartsWith("filters") ? 3 : 1, image.Colorspace);
                }
            }
            // Histograms: every tensor, every epoch, with the final weights' statistics.
            foreach (TensorInfo tensor in RgbNet.Tensors)
            {
                var histograms = values.Where(v => v.Value.Tag == "weights/" + tensor.Name).Select(v => (v.Step, v.Value.Histo)).ToList();
                Assert.Equal([1L, 2L], histograms.Select(h => h.Step));
                HistogramProto last = histograms[1].Histo;
                float[] weights = tensor.Values(net).ToArray();
                Assert.Equal(weights.Length, last.Num);
                Assert.Equal(weights.Length, last.Bucket.Sum());
                Assert.Equal(weights.Min(), last.Min);
                Assert.Equal(weights.Max(), last.Max);
                Assert.Equal(weights.Sum(w => (double)w), last.Sum, 9);
                Assert.Equal(last.Max, last.BucketLimit[^1]);
            }
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, true);
        }
    }
}
