using StbImageWriteSharp;

namespace CnnCompiler.Images.Tests;

/// <summary>Writes folders of generated images: class 0 horizontal stripes, class 1 vertical stripes, class 2 a bright disc, in colour and with noise.</summary>
internal sealed class ImageFolderBuilder : IDisposable
{
    public ImageFolderBuilder()
    {
        Root = Path.Combine(Path.GetTempPath(), "cnncompiler-images-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static readonly string[] Classes = ["discs", "horizontal", "vertical"];

    /// <summary>RGB pixels (row-major, interleaved) of a sample of class <paramref name="label"/> (index into <see cref="Classes"/>).</summary>
    public static byte[] Pattern(int label, int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        int period = 4 + random.Next(4), phase = random.Next(period);
        double cx = width * (0.35 + 0.3 * random.NextDouble()), cy = height * (0.35 + 0.3 * random.NextDouble()), r = Math.Min(width, height) * 0.25;
        byte tint = (byte)random.Next(256);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                bool on = label switch
                {
                    0 => (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r,
                    1 => (y + phase) % period < period / 2,
                    _ => (x + phase) % period < period / 2,
                };
                int v = (on ? 210 : 40) + random.Next(-20, 21);
                int i = (y * width + x) * 3;
                pixels[i] = (byte)Math.Clamp(v, 0, 255);
                pixels[i + 1] = (byte)Math.Clamp(v - 30 + tint / 8, 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(v / 2 + tint / 4, 0, 255);
            }
        return pixels;
    }

    public string Write(string relativePath, byte[] pixels, int width, int height, int channels = 3)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var components = channels switch { 1 => ColorComponents.Grey, 2 => ColorComponents.GreyAlpha, 3 => ColorComponents.RedGreenBlue, _ => ColorComponents.RedGreenBlueAlpha };
        using var stream = File.Create(path);
        var writer = new ImageWriter();
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png": writer.WritePng(pixels, width, height, components, stream); break;
            case ".bmp": writer.WriteBmp(pixels, width, height, components, stream); break;
            default: writer.WriteJpg(pixels, width, height, components, stream, 92); break;
        }
        return path;
    }

    /// <summary><paramref name="perClass"/> images per class, alternating PNG and JPEG, of varied sizes (all at least 20 pixels a side).</summary>
    public ImageFolderBuilder AddClasses(int perClass, int seed = 1)
    {
        for (int label = 0; label < Classes.Length; label++)
            for (int i = 0; i < perClass; i++)
            {
                int s = seed * 100_003 + label * 1000 + i;
                int width = 20 + s % 13, height = 20 + (s / 7) % 11;
                Write(Path.Combine(Classes[label], $"img{i:D3}{(i % 2 == 0 ? ".png" : ".jpg")}"), Pattern(label, width, height, s), width, height);
            }
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
