namespace CnnCompiler.Images.Tests;

public class ImageFolderDatasetTests
{
    private static readonly ImageFolderOptions Rgb16 = new() { Channels = 3, Height = 16, Width = 16 };

    [Fact]
    public void Classes_are_the_subfolders_in_ordinal_order_and_files_are_ordered_within_each()
    {
        using var folder = new ImageFolderBuilder().AddClasses(3);
        folder.Write(Path.Combine("Zebra", "a.PNG"), ImageFolderBuilder.Pattern(0, 20, 20, 1), 20, 20); // capital sorts first (ordinal), extension in any case
        folder.Write(Path.Combine("discs", "nested", "deep.jpeg"), ImageFolderBuilder.Pattern(0, 20, 20, 2), 20, 20);
        File.WriteAllText(Path.Combine(folder.Root, "discs", ".hidden.png"), "ignored");
        var data = new ImageFolderDataset(folder.Root, Rgb16);
        Assert.Equal(["Zebra", "discs", "horizontal", "vertical"], data.ClassNames);
        Assert.Equal([1, 4, 3, 3], data.CountPerClass());
        Assert.Equal(Path.Combine(folder.Root, "discs", "img000.png"), data.FilePath(1));
        Assert.Equal(Path.Combine(folder.Root, "discs", "nested", "deep.jpeg"), data.FilePath(4));
        Assert.Equal([0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3], data.Labels());
        Assert.Empty(data.Skipped);
    }

    [Fact]
    public void Resize_of_the_shorter_side_then_center_crop_keeps_the_geometry()
    {
        using var folder = new ImageFolderBuilder();
        // 40×20: the left half white, the right half black. Resized to 32×16, center-cropped at left 8: columns 0–7
        // come from resized columns 8–15 (white), columns 8–15 from 16–23 (black), blended only next to the edge.
        var pixels = new byte[40 * 20];
        for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) pixels[y * 40 + x] = 255;
        folder.Write(Path.Combine("a", "half.png"), pixels, 40, 20, channels: 1);
        var data = new ImageFolderDataset(folder.Root, Rgb16 with { Channels = 1 });
        var sample = new float[256];
        data.LoadSample(0, sample);
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 7; x++) Assert.Equal(1f, sample[y * 16 + x], 5);
            for (int x = 9; x < 16; x++) Assert.Equal(0f, sample[y * 16 + x], 5);
            Assert.InRange(sample[y * 16 + 7], 0.6f, 1f);
            Assert.InRange(sample[y * 16 + 8], 0f, 0.4f);
        }
        Assert.Equal((16, 32), ImageFolderDataset.ResizedSize(20, 40, 16));
        Assert.Equal((36, 16), ImageFolderDataset.ResizedSize(30, 13, 16)); // torchvision: int(16 · 30 / 13) = int(36.92) = 36
    }

    [Fact]
    public void Colour_conversion_and_normalization_per_channel()
    {
        using var folder = new ImageFolderBuilder();
        var rgba = new byte[20 * 20 * 4];
        for (int i = 0; i < 400; i++) { rgba[4 * i] = 255; rgba[4 * i + 1] = 51; rgba[4 * i + 2] = 0; rgba[4 * i + 3] = 10; }
        folder.Write(Path.Combine("c", "rgba.png"), rgba, 20, 20, channels: 4);
        var rgb = new ImageFolderDataset(folder.Root, Rgb16 with { Mean = [0.5f, 0.1f, 0f], Std = [0.5f, 0.2f, 1f] });
        var sample = new float[3 * 256];
        rgb.LoadSample(0, sample);
        // Alpha dropped (not composited), then (x/255 − mean) / std.
        Assert.All(sample.AsSpan(0, 256).ToArray(), v => Assert.Equal(1f, v, 5));
        Assert.All(sample.AsSpan(256, 256).ToArray(), v => Assert.Equal((0.2f - 0.1f) / 0.2f, v, 4));
        Assert.All(sample.AsSpan(512, 256).ToArray(), v => Assert.Equal(0f, v, 5));
        var gray = new ImageFolderDataset(folder.Root, Rgb16 with { Channels = 1 });
        var g = new float[256];
        gray.LoadSample(0, g);
        // stb_image's luma: (77 R + 150 G + 29 B) >> 8 = (19635 + 7650) >> 8 = 106.
        Assert.All(g, v => Assert.Equal(106f / 255f, v, 5));
    }

    [Fact]
    public void Split_is_stratified_disjoint_and_seeded()
    {
        using var folder = new ImageFolderBuilder().AddClasses(10);
        var data = new ImageFolderDataset(folder.Root, Rgb16);
        var (train, validation) = data.Split(0.25, seed: 7);
        Assert.Equal([3, 3, 3], validation.CountPerClass()); // round(10 × 0.25) = 2.5 → 3 per class
        Assert.Equal([7, 7, 7], train.CountPerClass());
        string[] all = Enumerable.Range(0, train.Count).Select(train.FilePath).Concat(Enumerable.Range(0, validation.Count).Select(validation.FilePath)).ToArray();
        Assert.Equal(30, all.Distinct().Count());
        var (_, again) = data.Split(0.25, seed: 7);
        Assert.Equal(Enumerable.Range(0, validation.Count).Select(validation.FilePath), Enumerable.Range(0, again.Count).Select(again.FilePath));
        var (_, other) = data.Split(0.25, seed: 8);
        Assert.NotEqual(Enumerable.Range(0, validation.Count).Select(validation.FilePath), Enumerable.Range(0, other.Count).Select(other.FilePath));
    }

    [Fact]
    public void Load_decodes_every_image_as_LoadSample_does()
    {
        using var folder = new ImageFolderBuilder().AddClasses(4);
        var data = new ImageFolderDataset(folder.Root, Rgb16 with { Workers = 2 });
        Dataset all = data.Load();
        Assert.Equal(12, all.Count);
        Assert.Equal(data.Labels(), all.Labels.ToArray());
        var sample = new float[data.SampleLength];
        for (int i = 0; i < data.Count; i++)
        {
            data.LoadSample(i, sample);
            Assert.True(all.Sample(i).SequenceEqual(sample), $"sample {i}");
        }
    }
}
