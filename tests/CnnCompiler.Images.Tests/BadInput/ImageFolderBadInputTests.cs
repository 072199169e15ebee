namespace CnnCompiler.Images.Tests.BadInput;

/// <summary>Rows I1–I8 of docs/bad-input.md: image folders. Each bad case is an error naming the file, or skipped and counted when asked.</summary>
public class ImageFolderBadInputTests
{
    private static readonly ImageFolderOptions Options = new() { Channels = 3, Height = 16, Width = 16 };

    private static void AssertSkippedAndRestKept(ImageFolderBuilder folder, string badPath, int goodImages, string reasonWords)
    {
        var data = new ImageFolderDataset(folder.Root, Options with { SkipBadFiles = true });
        Assert.Equal(goodImages, data.Count);
        SkippedFile skipped = Assert.Single(data.Skipped);
        Assert.Equal(badPath, skipped.Path);
        Assert.Contains(reasonWords, skipped.Reason);
        Dataset loaded = data.Load();
        Assert.Equal(goodImages, loaded.Count);
    }

    [Fact]
    public void I1_corrupt_or_truncated_image_is_named_or_skipped()
    {
        using var folder = new ImageFolderBuilder().AddClasses(4);
        string png = Path.Combine(folder.Root, "discs", "img000.png");
        string jpg = Path.Combine(folder.Root, "horizontal", "img001.jpg");
        string bmp = folder.Write(Path.Combine("vertical", "img9.bmp"), ImageFolderBuilder.Pattern(2, 20, 20, 5), 20, 20);
        byte[] pngBytes = File.ReadAllBytes(png), jpgBytes = File.ReadAllBytes(jpg), bmpBytes = File.ReadAllBytes(bmp);

        // Each damage alone: an error naming the file and saying what is wrong.
        var cases = new (string Path, byte[] Bytes, string Words)[]
        {
            (png, pngBytes[..(pngBytes.Length / 2)], "is truncated"),
            (png, Flip(pngBytes, pngBytes.Length / 2), "fails its CRC"),
            (jpg, jpgBytes[..(jpgBytes.Length * 2 / 3)], "without the end-of-image marker FF D9"),
            (jpg, jpgBytes[..40], "is truncated"),
            (bmp, bmpBytes[..(bmpBytes.Length - 7)], "is truncated"),
        };
        foreach (var (path, bytes, words) in cases)
        {
            byte[] original = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, Options));
            Assert.StartsWith(path + " ", e.Message);
            Assert.Contains(words, e.Message);
            Assert.Contains("SkipBadFiles", e.Message);
            AssertSkippedAndRestKept(folder, path, 12, words);
            File.WriteAllBytes(path, original);
        }
        Assert.Equal(13, new ImageFolderDataset(folder.Root, Options).Count);
    }

    [Fact]
    public void I1_a_file_that_fails_to_decode_while_streaming_is_named_or_skipped()
    {
        using var folder = new ImageFolderBuilder().AddClasses(4);
        var data = new ImageFolderDataset(folder.Root, Options);
        // Damaged after the folder was opened: the loader reports it when it reaches its batch.
        string damaged = data.FilePath(5);
        File.WriteAllBytes(damaged, File.ReadAllBytes(damaged)[..30]);
        using (var loader = new ImageBatchLoader(data, 4, seed: 1))
        {
            var e = Assert.Throws<InvalidDataException>(() => { while (loader.TryGetNext(out _)) { } });
            Assert.StartsWith(damaged + " ", e.Message);
        }
        var skipping = data.WithOptions(data.Options with { SkipBadFiles = true });
        using var skippingLoader = new ImageBatchLoader(skipping, 4, seed: 1);
        int served = 0;
        while (skippingLoader.TryGetNext(out MiniBatch batch)) served += batch.Count;
        Assert.Equal(11, served);
        Assert.Equal(damaged, Assert.Single(skipping.Skipped).Path);
    }

    [Fact]
    public void I2_zero_byte_file_is_named_or_skipped()
    {
        using var folder = new ImageFolderBuilder().AddClasses(3);
        string empty = Path.Combine(folder.Root, "vertical", "empty.png");
        File.WriteAllBytes(empty, []);
        var e = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, Options));
        Assert.StartsWith(empty + " is empty (0 bytes)", e.Message);
        AssertSkippedAndRestKept(folder, empty, 9, "is empty (0 bytes)");
    }

    [Fact]
    public void I3_empty_class_folder_is_named_or_skipped_keeping_the_labels()
    {
        using var folder = new ImageFolderBuilder().AddClasses(3);
        string emptyClass = Path.Combine(folder.Root, "bbb-empty");
        Directory.CreateDirectory(emptyClass);
        File.WriteAllBytes(Path.Combine(emptyClass, ".DS_Store"), [1, 2, 3]); // hidden: ignored, so the folder is still empty
        var e = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, Options));
        Assert.StartsWith($"The class folder {emptyClass} (class 0, 'bbb-empty') holds no", e.Message);
        var data = new ImageFolderDataset(folder.Root, Options with { SkipBadFiles = true });
        Assert.Equal(["bbb-empty", "discs", "horizontal", "vertical"], data.ClassNames);
        Assert.Equal([0, 3, 3, 3], data.CountPerClass());
        Assert.Equal(emptyClass, Assert.Single(data.Skipped).Path);
    }

    [Fact]
    public void I4_a_file_that_is_not_an_image_is_named_or_skipped()
    {
        using var folder = new ImageFolderBuilder().AddClasses(3);
        string notes = Path.Combine(folder.Root, "discs", "notes.txt");
        File.WriteAllText(notes, "not an image");
        var e = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, Options));
        Assert.StartsWith(notes + " is not an image file: its extension is not one of .png, .jpg, .jpeg, .bmp", e.Message);
        AssertSkippedAndRestKept(folder, notes, 9, "is not an image file");
        File.Delete(notes);

        string fake = Path.Combine(folder.Root, "discs", "fake.jpg");
        File.WriteAllText(fake, "hello, world");
        e = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, Options));
        Assert.StartsWith(fake + " is not a PNG, JPEG or BMP image: it begins with the bytes 68 65 6C 6C 6F 2C 20 77", e.Message);
        AssertSkippedAndRestKept(folder, fake, 9, "is not a PNG, JPEG or BMP image");
    }

    [Fact]
    public void I5_image_smaller_than_the_crop_is_named_or_skipped()
    {
        using var folder = new ImageFolderBuilder().AddClasses(3);
        string small = folder.Write(Path.Combine("horizontal", "small.png"), ImageFolderBuilder.Pattern(1, 12, 30, 3), 12, 30);
        var noResize = Options with { Resize = false };
        var e = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, noResize));
        Assert.StartsWith(small + " is 12×30 pixels, smaller than the 16×16 crop", e.Message);
        var data = new ImageFolderDataset(folder.Root, noResize with { SkipBadFiles = true });
        Assert.Equal(9, data.Count);
        Assert.Equal(small, Assert.Single(data.Skipped).Path);
        // With resizing (the default) the same image is enlarged and read.
        Assert.Equal(10, new ImageFolderDataset(folder.Root, Options).Count);
        // A crop made larger later (WithOptions) checks again.
        var opened = new ImageFolderDataset(folder.Root, Options);
        e = Assert.Throws<InvalidDataException>(() => opened.WithOptions(noResize with { Height = 24, Width = 24 }));
        Assert.Contains("smaller than the 24×24 crop", e.Message);
    }

    [Fact]
    public void I6_channel_counts_and_options_that_cannot_be_made_are_refused()
    {
        using var folder = new ImageFolderBuilder().AddClasses(2);
        var e = Assert.Throws<ArgumentException>(() => new ImageFolderDataset(folder.Root, Options with { Channels = 4 }));
        Assert.Contains("Channels is 4: images become 1-channel (gray) or 3-channel (RGB) samples", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ImageFolderDataset(folder.Root, Options with { Mean = [0.5f] }));
        Assert.Contains("Mean has 1 values; the samples have 3 channel(s)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageFolderDataset(folder.Root, Options with { Std = [1f, 0f, 1f] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageFolderDataset(folder.Root, Options with { ResizeShorterSide = 10 }));
        e = Assert.Throws<ArgumentException>(() => new ImageFolderDataset(folder.Root, Options with { Crop = ImageCrop.Random, CacheInMemory = true }));
        Assert.Contains("CacheInMemory keeps one crop per image", e.Message);
        var net = new GrayNet(1);
        var data = new ImageFolderDataset(folder.Root, Options);
        e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, data, new TrainingOptions { Optimizer = new Sgd(0.1f), Progress = TrainingProgress.None }));
        Assert.Contains("takes samples of 1×16×16; the image folder's options make 3×16×16", e.Message);
    }

    [Fact]
    public void I7_missing_root_or_no_class_folders_is_refused()
    {
        string missing = Path.Combine(Path.GetTempPath(), "cnncompiler-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var e1 = Assert.Throws<DirectoryNotFoundException>(() => new ImageFolderDataset(missing, Options));
        Assert.Contains(missing, e1.Message);
        using var folder = new ImageFolderBuilder();
        File.WriteAllText(Path.Combine(folder.Root, "stray.png"), "x");
        var e2 = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, Options));
        Assert.Contains($"The image folder {folder.Root} has no class folders", e2.Message);
    }

    [Fact]
    public void I8_a_header_declaring_more_pixels_than_the_limit_is_refused_before_decoding()
    {
        using var folder = new ImageFolderBuilder().AddClasses(2);
        string big = folder.Write(Path.Combine("discs", "big.png"), ImageFolderBuilder.Pattern(0, 64, 64, 9), 64, 64);
        var e = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, Options with { MaxImagePixels = 4000 }));
        Assert.StartsWith(big + " declares 64×64 pixels, more than the limit of 4,000 (ImageFolderOptions.MaxImagePixels)", e.Message);
        // A PNG header edited to claim 60,000 × 60,000 pixels (its CRC recomputed) is refused by the default limit.
        byte[] bytes = File.ReadAllBytes(big);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 60_000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), 60_000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        File.WriteAllBytes(big, bytes);
        e = Assert.Throws<InvalidDataException>(() => new ImageFolderDataset(folder.Root, Options));
        Assert.StartsWith(big + " declares 60000×60000 pixels, more than the limit of 67,108,864", e.Message);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x10;
        return copy;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }
}
