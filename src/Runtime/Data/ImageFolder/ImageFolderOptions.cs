namespace CnnCompiler;

/// <summary>Where <see cref="ImageFolderDataset"/> cuts the declared input out of each (resized) image.</summary>
public enum ImageCrop
{
    /// <summary>The middle, as torchvision's <c>CenterCrop</c> (the rounding included): the same pixels every epoch.</summary>
    Center,

    /// <summary>
    /// A position drawn uniformly for every sample and epoch, as torchvision's <c>RandomCrop(size)</c>; the draw depends
    /// only on the seed, the epoch and the sample's index, not on which worker decodes it.
    /// </summary>
    Random,
}

/// <summary>
/// torchvision's <c>RandomResizedCrop((Height, Width), scale, ratio)</c> as a decode-time training transform of
/// <see cref="ImageFolderDataset"/> (<see cref="ImageFolderOptions.RandomResizedCrop"/>): it replaces Resize + crop.
/// From the full-resolution decoded image, per sample and epoch, <c>get_params</c> picks a window: up to 10 attempts,
/// each an area fraction uniform in <see cref="Scale"/> and an aspect ratio (width / height) log-uniform in
/// <see cref="Ratio"/>, w = round(√(area·ratio)), h = round(√(area/ratio)), then a uniform top and left for the first
/// that fits; after 10 misses the center crop with the ratio clamped into range. The window is resized to
/// Height × Width with PIL's antialiased bilinear filter (the filter clipped to the window), kept in floats.
/// </summary>
public sealed record RandomResizedCropOptions
{
    /// <summary>The window's area as a fraction of the image's, drawn uniformly: 0 &lt; Min ≤ Max ≤ 1 (torchvision's default (0.08, 1)).</summary>
    public (double Min, double Max) Scale { get; init; } = (0.08, 1.0);

    /// <summary>The window's aspect ratio (width / height), drawn log-uniformly: 0 &lt; Min ≤ Max &lt; ∞ (default (3/4, 4/3)).</summary>
    public (double Min, double Max) Ratio { get; init; } = (3.0 / 4.0, 4.0 / 3.0);

    /// <summary>The window (top, left, height, width) <c>get_params</c> picks in an image of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public (int Top, int Left, int Height, int Width) DrawWindow(int height, int width, SeededRandom random)
    {
        if (height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(height), $"The image must have positive size; got {height}×{width}.");
        return CnnCompiler.RandomResizedCrop.GetParams(height, width, Scale.Min, Scale.Max, Ratio.Min, Ratio.Max, random);
    }

    internal void Validate()
    {
        if (!(Scale.Min > 0 && Scale.Min <= Scale.Max && Scale.Max <= 1))
            throw new ArgumentOutOfRangeException("options", Scale,
                $"ImageFolderOptions.RandomResizedCrop.Scale must satisfy 0 < Min ≤ Max ≤ 1 (fractions of the image's area); got ({Scale.Min}, {Scale.Max}).");
        if (!(Ratio.Min > 0 && Ratio.Min <= Ratio.Max && double.IsFinite(Ratio.Max)))
            throw new ArgumentOutOfRangeException("options", Ratio,
                $"ImageFolderOptions.RandomResizedCrop.Ratio must satisfy 0 < Min ≤ Max < ∞ (width / height); got ({Ratio.Min}, {Ratio.Max}).");
    }
}

/// <summary>
/// How <see cref="ImageFolderDataset"/> turns files into samples: the sample shape (the network's input), resizing,
/// cropping, normalization, what happens to bad files, and the streaming loader's workers and queue. The pipeline per
/// image is torchvision's <c>Resize(ResizeShorterSide)</c> → <c>CenterCrop</c>/<c>RandomCrop((Height, Width))</c> (or
/// <c>RandomResizedCrop((Height, Width))</c> instead of both) → <c>ToTensor</c> → <c>Normalize(Mean, Std)</c>, with the
/// image converted to gray or RGB first.
/// </summary>
public sealed record ImageFolderOptions
{
    /// <summary>ImageNet's per-channel mean (RGB), as torchvision's pretrained models expect.</summary>
    public static IReadOnlyList<float> ImageNetMean { get; } = [0.485f, 0.456f, 0.406f];

    /// <summary>ImageNet's per-channel standard deviation (RGB).</summary>
    public static IReadOnlyList<float> ImageNetStd { get; } = [0.229f, 0.224f, 0.225f];

    /// <summary>Options whose sample shape is the network's input (it must be C×H×W with C = 1 or 3).</summary>
    public static ImageFolderOptions For(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        ReadOnlySpan<int> shape = network.InputShape;
        if (shape.Length != 3)
            throw new ArgumentException(
                $"{network.GetType().Name} takes samples of {ShapeText.Format(shape)}; an image folder gives C×H×W samples.", nameof(network));
        return new ImageFolderOptions { Channels = shape[0], Height = shape[1], Width = shape[2] };
    }

    /// <summary>Channels per sample: 1 (gray: ITU-R 601 luma of colour images) or 3 (RGB: gray replicated, alpha dropped).</summary>
    public required int Channels { get; init; }

    /// <summary>Rows per sample (the crop's height).</summary>
    public required int Height { get; init; }

    /// <summary>Columns per sample (the crop's width).</summary>
    public required int Width { get; init; }

    /// <summary>
    /// Whether to resize before cropping. False crops at the file's own resolution: an image smaller than the crop is then
    /// bad input (docs/bad-input.md, I5).
    /// </summary>
    public bool Resize { get; init; } = true;

    /// <summary>
    /// The length the shorter side is resized to, keeping the aspect ratio (torchvision's <c>Resize(int)</c>: the
    /// longer side becomes <c>(int)(size · long / short)</c>); null resizes to the crop's larger side, so the crop loses
    /// as little as it can. Must be at least the crop's larger side.
    /// </summary>
    public int? ResizeShorterSide { get; init; }

    /// <summary>Center (the default; validation) or random (training) crop.</summary>
    public ImageCrop Crop { get; init; } = ImageCrop.Center;

    /// <summary>
    /// Null (the default): Resize + <see cref="Crop"/>. Set: torchvision's <c>RandomResizedCrop((Height, Width), Scale,
    /// Ratio)</c> on the full-resolution image instead (see <see cref="RandomResizedCropOptions"/>), drawn per sample and
    /// epoch from the loader's seed, the epoch and the sample's index, so batches still depend on the seed alone. A
    /// training transform: validation (<c>Trainer.Fit</c>'s split) and <see cref="ImageFolderDataset.LoadImage"/> use Resize +
    /// center crop. Needs <see cref="Crop"/> = Center and no <see cref="CacheInMemory"/> (a cache would hold one crop per image).
    /// </summary>
    public RandomResizedCropOptions? RandomResizedCrop { get; init; }

    /// <summary>Subtracted per channel after scaling to [0, 1]; null is 0 for every channel.</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>Divides per channel after the mean is subtracted; null is 1 for every channel.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>
    /// False (the default): the first bad file (docs/bad-input.md, rows I1–I6) is an <see cref="InvalidDataException"/>
    /// naming it. True: bad files are left out, and each is listed with its reason in <see cref="ImageFolderDataset.Skipped"/>.
    /// </summary>
    public bool SkipBadFiles { get; init; }

    /// <summary>The most pixels (width × height, from the file's header) an image may declare before it is decoded.</summary>
    public long MaxImagePixels { get; init; } = 64L * 1024 * 1024;

    /// <summary>Threads that check files when the folder is opened and decode them while training; null is every core.</summary>
    public int? Workers { get; init; }

    /// <summary>Mini-batches the streaming loader keeps decoded ahead of the training step (the bounded queue's capacity).</summary>
    public int PrefetchBatches { get; init; } = 4;

    /// <summary>
    /// Keep every decoded sample in memory after the first epoch, so later epochs decode nothing (needs
    /// <c>Count × Channels × Height × Width</c> floats, and <see cref="ImageCrop.Center"/> without <see cref="RandomResizedCrop"/>:
    /// a cache holds one crop per image).
    /// </summary>
    public bool CacheInMemory { get; init; }

    internal int WorkerCount => Workers ?? Environment.ProcessorCount;

    internal int ShorterSide => ResizeShorterSide ?? Math.Max(Height, Width);

    internal void Validate()
    {
        if (Channels is not (1 or 3))
            throw new ArgumentException(
                $"ImageFolderOptions.Channels is {Channels}: images become 1-channel (gray) or 3-channel (RGB) samples; other channel counts have no conversion from an image file.", "options");
        if (Height < 1 || Width < 1) throw new ArgumentOutOfRangeException("options", $"ImageFolderOptions.Height and Width must be positive; got {Height}×{Width}.");
        if (Resize && ShorterSide < Math.Max(Height, Width))
            throw new ArgumentOutOfRangeException("options", ShorterSide,
                $"ImageFolderOptions.ResizeShorterSide ({ShorterSide}) is smaller than the {Height}×{Width} crop, which would not fit in the resized image.");
        CheckPerChannel(Mean, "Mean", allowZero: true);
        CheckPerChannel(Std, "Std", allowZero: false);
        if (MaxImagePixels < 1) throw new ArgumentOutOfRangeException("options", MaxImagePixels, "ImageFolderOptions.MaxImagePixels must be positive.");
        if (Workers is < 1) throw new ArgumentOutOfRangeException("options", Workers, "ImageFolderOptions.Workers must be at least 1.");
        if (PrefetchBatches < 1) throw new ArgumentOutOfRangeException("options", PrefetchBatches, "ImageFolderOptions.PrefetchBatches must be at least 1.");
        if (RandomResizedCrop is { } rrc)
        {
            rrc.Validate();
            if (Crop != ImageCrop.Center)
                throw new ArgumentException(
                    "ImageFolderOptions.RandomResizedCrop replaces Resize + crop for training, so Crop must stay ImageCrop.Center (what validation uses).", "options");
            if (CacheInMemory)
                throw new ArgumentException(
                    "ImageFolderOptions.CacheInMemory keeps one crop per image, and RandomResizedCrop draws a new window of the full-resolution image every epoch; turn one off (a cached set takes TrainingOptions.Augmentation = new RandomResizedCrop() on its batches).", "options");
        }
        if (CacheInMemory && Crop != ImageCrop.Center)
            throw new ArgumentException(
                "ImageFolderOptions.CacheInMemory keeps one crop per image, so it needs Crop = ImageCrop.Center; random crops of a cached set come from TrainingOptions.Augmentation (RandomResizedCrop, RandomCrop).", "options");
    }

    private void CheckPerChannel(IReadOnlyList<float>? values, string name, bool allowZero)
    {
        if (values is null) return;
        if (values.Count != Channels)
            throw new ArgumentException($"ImageFolderOptions.{name} has {values.Count} values; the samples have {Channels} channel(s).", "options");
        for (int c = 0; c < values.Count; c++)
        {
            if (!float.IsFinite(values[c]) || (!allowZero && values[c] <= 0))
                throw new ArgumentOutOfRangeException("options", values[c], $"ImageFolderOptions.{name}[{c}] must be a finite number{(allowZero ? "" : " > 0")}.");
        }
    }
}
