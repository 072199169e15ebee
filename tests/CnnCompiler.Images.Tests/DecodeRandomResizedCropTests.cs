namespace CnnCompiler.Images.Tests;

/// <summary><see cref="ImageFolderOptions.RandomResizedCrop"/>: torchvision's RandomResizedCrop on the full-resolution decoded image.</summary>
public class DecodeRandomResizedCropTests
{
    private static readonly ImageFolderOptions Options = new() { Channels = 3, Height = 16, Width = 16, RandomResizedCrop = new() };

    [Fact]
    public void Windows_replay_torchvision_get_params()
    {
        // The loader's draws for each of 200 sample seeds against get_params replayed by hand from the same stream
        // (misses included: scale 1 at ratio 4/3 does not fit 300×200).
        foreach (var options in new[] { new RandomResizedCropOptions(), new RandomResizedCropOptions { Scale = (0.3, 0.9), Ratio = (0.5, 2.0) } })
        {
            int misses = 0;
            for (ulong seed = 0; seed < 200; seed++)
            {
                const int H = 200, W = 300;
                var window = options.DrawWindow(H, W, new SeededRandom(seed));
                Assert.Equal(Reference(H, W, options.Scale, options.Ratio, new SeededRandom(seed)), window);
                // The same draws as the batch-level transform's get_params.
                var batchLevel = new RandomResizedCrop(options.Scale.Min, options.Scale.Max, options.Ratio.Min, options.Ratio.Max);
                Assert.Equal(batchLevel.DrawWindow(H, W, new SeededRandom(seed)), window);
                var first = new SeededRandom(seed);
                double t = H * W * (options.Scale.Min + (options.Scale.Max - options.Scale.Min) * first.NextDouble());
                double q = Math.Exp(Math.Log(options.Ratio.Min) + (Math.Log(options.Ratio.Max) - Math.Log(options.Ratio.Min)) * first.NextDouble());
                if (Math.Round(Math.Sqrt(t * q)) > W || Math.Round(Math.Sqrt(t / q)) > H) misses++;
            }
            Assert.InRange(misses, 1, 199); // the retry path is exercised
        }
        // Ten misses: the center crop with the ratio clamped (scale 1 at ratio 2 never fits a square).
        Assert.Equal((5, 0, 10, 20), new RandomResizedCropOptions { Scale = (1, 1), Ratio = (2, 2) }.DrawWindow(20, 20, new SeededRandom(4)));
        Assert.Equal((0, 5, 20, 10), new RandomResizedCropOptions { Scale = (1, 1), Ratio = (0.5, 0.5) }.DrawWindow(20, 20, new SeededRandom(4)));
    }

    // torchvision.transforms.RandomResizedCrop.get_params, line by line, with torch.empty(1).uniform_ as NextDouble and
    // torch.randint(0, n) as NextInt(n); Python's round() is round-half-to-even.
    private static (int, int, int, int) Reference(int height, int width, (double Min, double Max) scale, (double Min, double Max) ratio, SeededRandom random)
    {
        double area = height * width;
        double logLow = Math.Log(ratio.Min), logHigh = Math.Log(ratio.Max);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double targetArea = area * (scale.Min + (scale.Max - scale.Min) * random.NextDouble());
            double aspectRatio = Math.Exp(logLow + (logHigh - logLow) * random.NextDouble());
            int w = (int)Math.Round(Math.Sqrt(targetArea * aspectRatio));
            int h = (int)Math.Round(Math.Sqrt(targetArea / aspectRatio));
            if (0 < w && w <= width && 0 < h && h <= height)
            {
                int i = random.NextInt(height - h + 1);
                int j = random.NextInt(width - w + 1);
                return (i, j, h, w);
            }
        }
        double inRatio = (double)width / height;
        int cw = width, ch = height;
        if (inRatio < ratio.Min) ch = (int)Math.Round(width / ratio.Min);
        else if (inRatio > ratio.Max) cw = (int)Math.Round(height * ratio.Max);
        return ((height - ch) / 2, (width - cw) / 2, ch, cw);
    }

    [Fact]
    public void A_forced_window_lands_where_expected()
    {
        // A gray ramp v = x + 2y over 64×48; the window rows 10…21, columns 20…35 (12×16) enlarged to 24×32.
        const int SW = 64, SH = 48;
        var pixels = new byte[SW * SH];
        for (int y = 0; y < SH; y++) for (int x = 0; x < SW; x++) pixels[y * SW + x] = (byte)(x + 2 * y);
        var output = new float[24 * 32];
        ImageFolderDataset.ResizeWindow(pixels, SW, 1, (10, 20, 12, 16), output, 24, 32);
        for (int y = 0; y < 24; y++)
            for (int x = 0; x < 32; x++)
            {
                // Output pixel centres map to source coordinates top + (y + 0.5)/2 − 0.5; at the window's edges the
                // filter is clipped to the window, so the edge rows/columns repeat the window's first/last pixels.
                double sy = Math.Clamp(10 + (y + 0.5) / 2 - 0.5, 10, 21), sx = Math.Clamp(20 + (x + 0.5) / 2 - 0.5, 20, 35);
                Assert.Equal((sx + 2 * sy) / 255, output[y * 32 + x], 5);
            }

        // Shrinking (antialiased, several taps) reads only the window: 100 inside it, 0 and 255 around it.
        var framed = new byte[SW * SH * 3];
        for (int y = 0; y < SH; y++)
            for (int x = 0; x < SW; x++)
            {
                bool inside = y >= 8 && y < 40 && x >= 16 && x < 56;
                for (int c = 0; c < 3; c++) framed[(y * SW + x) * 3 + c] = inside ? (byte)(100 + 50 * c) : (byte)((x + y) % 2 * 255);
            }
        var small = new float[3 * 5 * 8];
        ImageFolderDataset.ResizeWindow(framed, SW, 3, (8, 16, 32, 40), small, 5, 8);
        for (int c = 0; c < 3; c++)
            Assert.All(small.AsSpan(c * 40, 40).ToArray(), v => Assert.Equal((100 + 50 * c) / 255f, v, 5));
    }

    [Fact]
    public void The_loader_crops_the_full_resolution_image_at_the_window_drawn_from_the_seed_epoch_and_index()
    {
        using var folder = new ImageFolderBuilder();
        const int SW = 90, SH = 60;
        byte[] pattern = ImageFolderBuilder.Pattern(2, SW, SH, 5);
        string path = folder.Write(Path.Combine("only", "a.png"), pattern, SW, SH); // PNG: the decoded pixels are the pattern
        var data = new ImageFolderDataset(folder.Root, Options with { Mean = [0.5f, 0.5f, 0.5f], Std = [0.25f, 0.5f, 1f] });
        float[] Expected(ulong seed, int epoch)
        {
            var window = Options.RandomResizedCrop!.DrawWindow(SH, SW, new SeededRandom(ImageFolderDataset.SampleSeed(seed, epoch, 0)));
            var sample = new float[3 * 16 * 16];
            ImageFolderDataset.ResizeWindow(pattern, SW, 3, window, sample, 16, 16);
            float[] std = [0.25f, 0.5f, 1f];
            for (int i = 0; i < sample.Length; i++) sample[i] = (sample[i] - 0.5f) * (1f / std[i / 256]);
            return sample;
        }
        var loaded = new float[data.SampleLength];
        data.LoadSample(0, loaded); // epoch 1 of a run seeded 0
        Assert.Equal(Expected(0, 1), loaded);
        using var loader = new ImageBatchLoader(data, 1, seed: 7);
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            Assert.True(loader.TryGetNext(out MiniBatch batch));
            Assert.Equal(Expected(7, epoch), batch.Inputs.ToArray());
            Assert.False(loader.TryGetNext(out _));
        }
        Assert.NotEqual(Expected(7, 1), Expected(7, 2));

        // A new image and validation are center-cropped: RandomResizedCrop is a training transform.
        var center = new float[data.SampleLength];
        var withOption = new float[data.SampleLength];
        ImageFolderDataset.LoadImage(path, data.Options with { RandomResizedCrop = null }, center);
        ImageFolderDataset.LoadImage(path, data.Options, withOption);
        Assert.Equal(center, withOption);
    }

    [Fact]
    public void Trainer_validates_on_center_crops_while_training_on_random_resized_crops()
    {
        using var folder = new ImageFolderBuilder().AddClasses(10, seed: 4);
        var net = new RgbNet(5) { Threads = 1 };
        var data = new ImageFolderDataset(folder.Root, ImageFolderOptions.For(net) with { ResizeShorterSide = 18, RandomResizedCrop = new() { Scale = (0.5, 1) }, Workers = 2 });
        var history = Trainer.Fit(net, data, new TrainingOptions
        {
            Epochs = 2, BatchSize = 8, Optimizer = new Adam(0.01f), Seed = 3, ValidationSplit = 0.2, Progress = TrainingProgress.None,
        });
        Assert.Equal(3, history.Epochs[0].Steps); // 24 training images in batches of 8
        var (_, held) = data.Split(0.2, 3);
        Dataset centered = held.WithOptions(held.Options with { RandomResizedCrop = null }).Load();
        Assert.Equal(Evaluation.Accuracy(net, centered), history.Epochs[^1].ValidationAccuracy);
        Assert.Equal(Evaluation.MeanLoss(net, centered), history.Epochs[^1].ValidationLoss!.Value, 5);
        Assert.NotEqual(Evaluation.MeanLoss(net, held.Load()), history.Epochs[^1].ValidationLoss!.Value, 5); // random resized crops
    }

    [Fact]
    public void Bad_ranges_and_combinations_are_refused_with_the_option_named()
    {
        using var folder = new ImageFolderBuilder().AddClasses(1);
        void Refused<T>(RandomResizedCropOptions rrc, string expected, ImageFolderOptions? options = null) where T : ArgumentException
        {
            var e = Assert.Throws<T>(() => new ImageFolderDataset(folder.Root, (options ?? Options) with { RandomResizedCrop = rrc }));
            Assert.Contains(expected, e.Message);
        }
        Refused<ArgumentOutOfRangeException>(new() { Scale = (0, 1) }, "RandomResizedCrop.Scale must satisfy 0 < Min ≤ Max ≤ 1");
        Refused<ArgumentOutOfRangeException>(new() { Scale = (0.5, 0.4) }, "RandomResizedCrop.Scale");
        Refused<ArgumentOutOfRangeException>(new() { Scale = (0.5, 1.5) }, "RandomResizedCrop.Scale");
        Refused<ArgumentOutOfRangeException>(new() { Scale = (double.NaN, 1) }, "RandomResizedCrop.Scale");
        Refused<ArgumentOutOfRangeException>(new() { Ratio = (0, 1) }, "RandomResizedCrop.Ratio must satisfy 0 < Min ≤ Max < ∞");
        Refused<ArgumentOutOfRangeException>(new() { Ratio = (2, 1) }, "RandomResizedCrop.Ratio");
        Refused<ArgumentOutOfRangeException>(new() { Ratio = (1, double.PositiveInfinity) }, "RandomResizedCrop.Ratio");
        Refused<ArgumentException>(new(), "CacheInMemory keeps one crop per image, and RandomResizedCrop", Options with { CacheInMemory = true });
        Refused<ArgumentException>(new(), "Crop must stay ImageCrop.Center", Options with { Crop = ImageCrop.Random });
    }
}
