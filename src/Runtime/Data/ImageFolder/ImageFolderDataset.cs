using System.Collections.Concurrent;
using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// Labelled images in a folder, one subfolder per class, as torchvision's <c>ImageFolder</c> reads them:
/// <c>root/&lt;class&gt;/…/*.{png,jpg,jpeg,bmp}</c> (any case, any depth below the class folder). Classes are the
/// subfolders in ordinal order of their names, labelled 0, 1, …; samples are in ordinal order of their paths within a
/// class. Names starting with a dot (<c>.DS_Store</c>, <c>.git</c>) are ignored, and so are files directly in the root.
/// <para>
/// Opening reads every file once and checks it (format, integrity, size; see <see cref="ImageFolderOptions.SkipBadFiles"/>
/// for what a bad one does) on <see cref="ImageFolderOptions.Workers"/> threads, without decoding; decoding happens when
/// samples are loaded: all at once with <see cref="Load"/>, or streamed in mini-batches by <see cref="ImageBatchLoader"/>
/// (which is what <c>Trainer.Fit</c> uses when given an image folder).
/// </para>
/// </summary>
public sealed class ImageFolderDataset
{
    private readonly Entry[] _entries;
    private readonly string[] _classNames;
    private readonly ConcurrentQueue<SkippedFile> _skipped;
    private readonly float[] _mean;
    private readonly float[] _inverseStd;

    private readonly record struct Entry(string Path, int Label, ImageHeader Header);

    /// <summary>Scans and checks <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The root folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A bad file or an empty class folder, named (unless <see cref="ImageFolderOptions.SkipBadFiles"/>).</exception>
    public ImageFolderDataset(string root, ImageFolderOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The image folder {root} does not exist.");
        Root = root;
        Options = options;
        _skipped = new ConcurrentQueue<SkippedFile>();
        _classNames = Directory.EnumerateDirectories(root)
            .Select(Path.GetFileName).Where(n => n is { Length: > 0 } && n[0] != '.').Select(n => n!)
            .Order(StringComparer.Ordinal).ToArray();
        if (_classNames.Length == 0)
            throw new InvalidDataException($"The image folder {root} has no class folders: images are read from {Path.Combine(root, "<class>", "<image>")}.");
        var files = new List<(string Path, int Label)>();
        var problems = new List<SkippedFile>();
        for (int label = 0; label < _classNames.Length; label++)
        {
            string folder = Path.Combine(root, _classNames[label]);
            int before = files.Count;
            foreach (string file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
                         .Where(f => !IsHidden(folder, f)).Order(StringComparer.Ordinal))
            {
                if (!ImageFiles.HasImageExtension(file))
                    problems.Add(new SkippedFile(file, $"{file} is not an image file: its extension is not one of {string.Join(", ", ImageFiles.Extensions)}."));
                else files.Add((file, label));
            }
            if (files.Count == before)
                problems.Add(new SkippedFile(folder, $"The class folder {folder} (class {label}, '{_classNames[label]}') holds no {string.Join("/", ImageFiles.Extensions)} images."));
        }
        // Every file is read once and checked on the workers; the results keep the files' order.
        var headers = new ImageHeader?[files.Count];
        var errors = new string?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = options.WorkerCount }, i =>
        {
            try
            {
                headers[i] = CheckFile(files[i].Path, options);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                errors[i] = e is InvalidDataException ? e.Message : $"{files[i].Path} cannot be read: {e.Message}";
            }
        });
        var entries = new List<Entry>(files.Count);
        for (int i = 0; i < files.Count; i++)
        {
            if (errors[i] is { } error) problems.Add(new SkippedFile(files[i].Path, error));
            else entries.Add(new Entry(files[i].Path, files[i].Label, headers[i]!.Value));
        }
        // A class whose files were all bad is empty too.
        for (int label = 0; label < _classNames.Length; label++)
        {
            string folder = Path.Combine(root, _classNames[label]);
            if (!entries.Any(e => e.Label == label) && !problems.Any(p => p.Path == folder) && files.Any(f => f.Label == label))
                problems.Add(new SkippedFile(folder, $"The class folder {folder} (class {label}, '{_classNames[label]}') holds no readable images: every file in it is bad."));
        }
        if (problems.Count > 0 && !options.SkipBadFiles)
        {
            SkippedFile first = problems.OrderBy(p => p.Path, StringComparer.Ordinal).First();
            string more = problems.Count > 1 ? $" ({problems.Count - 1:N0} more bad file(s) or folder(s) in {root})" : "";
            throw new InvalidDataException(
                $"{first.Reason}{more} ImageFolderOptions.SkipBadFiles = true leaves bad files out and lists them in ImageFolderDataset.Skipped.");
        }
        foreach (SkippedFile problem in problems.OrderBy(p => p.Path, StringComparer.Ordinal)) _skipped.Enqueue(problem);
        _entries = entries.ToArray();
        (_mean, _inverseStd) = Normalization(options);
    }

    private ImageFolderDataset(ImageFolderDataset source, Entry[] entries, ImageFolderOptions options, ConcurrentQueue<SkippedFile> skipped)
    {
        Root = source.Root;
        Options = options;
        _classNames = source._classNames;
        _entries = entries;
        _skipped = skipped;
        (_mean, _inverseStd) = Normalization(options);
    }

    /// <summary>The folder read.</summary>
    public string Root { get; }

    public ImageFolderOptions Options { get; }

    /// <summary>The class folders' names in label order (torchvision's <c>classes</c>).</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    public int ClassCount => _classNames.Length;

    /// <summary>The number of images.</summary>
    public int Count => _entries.Length;

    /// <summary>The shape of one sample: channels, height, width.</summary>
    public int[] SampleShape => [Options.Channels, Options.Height, Options.Width];

    /// <summary>Floats per sample.</summary>
    public int SampleLength => Options.Channels * Options.Height * Options.Width;

    /// <summary>
    /// Bad files and empty class folders left out (with <see cref="ImageFolderOptions.SkipBadFiles"/>): those found when
    /// the folder was opened, then any whose decoding failed while loading or streaming, each once.
    /// </summary>
    public IReadOnlyList<SkippedFile> Skipped => _skipped.ToArray();

    /// <summary>The file of sample <paramref name="index"/>.</summary>
    public string FilePath(int index) => _entries[CheckIndex(index)].Path;

    /// <summary>The class label of sample <paramref name="index"/>.</summary>
    public int Label(int index) => _entries[CheckIndex(index)].Label;

    /// <summary>Every sample's label, in sample order.</summary>
    public int[] Labels() => _entries.Select(e => e.Label).ToArray();

    /// <summary>Images per class, in label order.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[_classNames.Length];
        foreach (Entry e in _entries) counts[e.Label]++;
        return counts;
    }

    /// <summary>
    /// The same files with other options (a center crop for validation, another normalization); the sample shape may
    /// change too. Files too small for a new crop without resizing are bad input as when opening.
    /// </summary>
    public ImageFolderDataset WithOptions(ImageFolderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var skipped = new ConcurrentQueue<SkippedFile>(_skipped);
        var kept = new List<Entry>(_entries.Length);
        foreach (Entry e in _entries)
        {
            if (TooSmall(e.Path, e.Header, options) is { } problem)
            {
                if (!options.SkipBadFiles) throw new InvalidDataException(problem);
                skipped.Enqueue(new SkippedFile(e.Path, problem));
            }
            else kept.Add(e);
        }
        return new ImageFolderDataset(this, kept.ToArray(), options, skipped);
    }

    /// <summary>
    /// Splits into a training and a validation part, stratified: within each class, round(n × <paramref name="validationFraction"/>)
    /// images chosen by a seeded shuffle go to validation (classes in label order, one generator), the rest to training;
    /// both keep this set's order. Same seed, same split.
    /// </summary>
    public (ImageFolderDataset Train, ImageFolderDataset Validation) Split(double validationFraction, ulong seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be between 0 and 1, exclusive.");
        var random = new SeededRandom(seed);
        var validation = new bool[_entries.Length];
        for (int label = 0; label < _classNames.Length; label++)
        {
            int[] members = Enumerable.Range(0, _entries.Length).Where(i => _entries[i].Label == label).ToArray();
            Shuffling.Shuffle(members, random);
            int take = (int)Math.Round(members.Length * validationFraction, MidpointRounding.AwayFromZero);
            for (int i = 0; i < take; i++) validation[members[i]] = true;
        }
        int validationCount = validation.Count(v => v);
        if (validationCount == 0 || validationCount == _entries.Length)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"A fraction of {validationFraction.ToString(CultureInfo.InvariantCulture)} per class of {_entries.Length:N0} images gives {validationCount} for validation; both parts need at least one image.");
        Entry[] train = _entries.Where((_, i) => !validation[i]).ToArray();
        Entry[] held = _entries.Where((_, i) => validation[i]).ToArray();
        return (new ImageFolderDataset(this, train, Options, _skipped), new ImageFolderDataset(this, held, Options, _skipped));
    }

    /// <summary>
    /// Decodes sample <paramref name="index"/> into <paramref name="destination"/> (<see cref="SampleLength"/> floats);
    /// a random crop is the one epoch 1 of a run seeded 0 would take.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be decoded (named), or has changed since the folder was opened.</exception>
    public void LoadSample(int index, Span<float> destination)
    {
        CheckIndex(index);
        if (destination.Length != SampleLength)
            throw new ArgumentException($"A sample of {Options.Channels}×{Options.Height}×{Options.Width} needs {SampleLength} floats; the destination has {destination.Length}.", nameof(destination));
        Decode(index, destination, SampleSeed(0, 1, index));
    }

    /// <summary>
    /// Decodes every image into memory on <see cref="ImageFolderOptions.Workers"/> threads: the whole set as a
    /// <see cref="Dataset"/> (caching it; <c>Trainer.Fit</c> then trains without decoding). With
    /// <see cref="ImageFolderOptions.SkipBadFiles"/> an image that fails to decode is left out and listed in <see cref="Skipped"/>.
    /// </summary>
    public Dataset Load()
    {
        int length = SampleLength;
        var samples = new float[(long)_entries.Length * length];
        var ok = new bool[_entries.Length];
        Exception? failure = null;
        Parallel.For(0, _entries.Length, new ParallelOptions { MaxDegreeOfParallelism = Options.WorkerCount }, (i, state) =>
        {
            try
            {
                Decode(i, samples.AsSpan(i * length, length), SampleSeed(0, 1, i));
                ok[i] = true;
            }
            catch (InvalidDataException e) when (Options.SkipBadFiles)
            {
                RecordSkipped(i, e.Message);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                state.Stop();
            }
        });
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        int kept = ok.Count(k => k);
        if (kept == _entries.Length) return new Dataset(samples, Labels(), SampleShape);
        var compact = new float[(long)kept * length];
        var labels = new int[kept];
        for (int i = 0, j = 0; i < _entries.Length; i++)
        {
            if (!ok[i]) continue;
            samples.AsSpan(i * length, length).CopyTo(compact.AsSpan(j * length, length));
            labels[j++] = _entries[i].Label;
        }
        return new Dataset(compact, labels, SampleShape);
    }

    /// <summary>
    /// Reads, checks and decodes one image file outside any folder (a new image to classify) as the dataset's samples
    /// are: converted, resized, center-cropped (whatever <see cref="ImageFolderOptions.Crop"/> says) and normalized.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a readable PNG, JPEG or BMP image, or is smaller than the crop (named).</exception>
    public static void LoadImage(string path, ImageFolderOptions options, Span<float> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        options = options with { Crop = ImageCrop.Center, RandomResizedCrop = null };
        options.Validate();
        if (destination.Length != options.Channels * options.Height * options.Width)
            throw new ArgumentException($"A sample of {options.Channels}×{options.Height}×{options.Width} needs {options.Channels * options.Height * options.Width} floats; the destination has {destination.Length}.", nameof(destination));
        ImageHeader header = CheckFile(path, options);
        (float[] mean, float[] inverseStd) = Normalization(options);
        DecodeFile(path, header, options, mean, inverseStd, destination, 0);
    }

    /// <summary>The seed of one sample's random crop in one epoch: a function of the run's seed, the epoch and the index only.</summary>
    internal static ulong SampleSeed(ulong seed, int epoch, int index)
    {
        ulong z = seed ^ ((ulong)(uint)epoch << 32 | (uint)index) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal void RecordSkipped(int index, string reason)
    {
        string path = _entries[index].Path;
        lock (_skipped)
        {
            if (!_skipped.Any(s => s.Path == path)) _skipped.Enqueue(new SkippedFile(path, reason));
        }
    }

    /// <summary>Reads, checks and decodes one file, resizes, crops and normalizes it into <paramref name="destination"/>.</summary>
    internal void Decode(int index, Span<float> destination, ulong sampleSeed)
    {
        Entry entry = _entries[index];
        DecodeFile(entry.Path, entry.Header, Options, _mean, _inverseStd, destination, sampleSeed);
    }

    private static void DecodeFile(string path, ImageHeader expected, ImageFolderOptions options, float[] means, float[] inverseStds, Span<float> destination, ulong sampleSeed)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path} cannot be read: {e.Message}", e);
        }
        ImageHeader header = ImageFiles.Check(path, bytes, options.MaxImagePixels);
        if (header != expected)
            throw new InvalidDataException($"{path} has changed since the folder was opened: it was a {expected.Width}×{expected.Height} {expected.Format}, it is a {header.Width}×{header.Height} {header.Format}.");
        int channels = options.Channels;
        byte[] pixels = ImageFiles.Decode(path, bytes, header, channels);
        int h = options.Height, w = options.Width;
        if (options.RandomResizedCrop is { } rrc)
        {
            var window = rrc.DrawWindow(header.Height, header.Width, new SeededRandom(sampleSeed));
            ResizeWindow(pixels, header.Width, channels, window, destination, h, w);
            Normalize(destination, channels, h * w, means, inverseStds);
            return;
        }
        int resizedHeight = header.Height, resizedWidth = header.Width;
        if (options.Resize) (resizedHeight, resizedWidth) = ResizedSize(header.Height, header.Width, options.ShorterSide);
        int top, left;
        if (options.Crop == ImageCrop.Center)
        {
            top = (int)Math.Round((resizedHeight - h) / 2.0, MidpointRounding.ToEven);
            left = (int)Math.Round((resizedWidth - w) / 2.0, MidpointRounding.ToEven);
        }
        else
        {
            var random = new SeededRandom(sampleSeed);
            top = random.NextInt(resizedHeight - h + 1);
            left = random.NextInt(resizedWidth - w + 1);
        }
        if (options.Resize)
        {
            ImageResampler.Resample(pixels, header.Width, channels, (0, 0, header.Height, header.Width),
                (double)header.Height / resizedHeight, (double)header.Width / resizedWidth, top, left, destination, h, w);
        }
        else
        {
            for (int c = 0; c < channels; c++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        destination[(c * h + y) * w + x] = pixels[((top + y) * header.Width + left + x) * channels + c] * (1f / 255f);
        }
        Normalize(destination, channels, h * w, means, inverseStds);
    }

    /// <summary>
    /// torchvision's <c>resized_crop</c>: the window (top, left, height, width) of an 8-bit image (row-major, channels
    /// interleaved, <paramref name="sourceWidth"/> wide) resized to <paramref name="height"/> × <paramref name="width"/>
    /// (channels first, /255) with PIL's antialiased bilinear filter clipped to the window.
    /// </summary>
    internal static void ResizeWindow(ReadOnlySpan<byte> pixels, int sourceWidth, int channels, (int Top, int Left, int Height, int Width) window,
        Span<float> destination, int height, int width) =>
        ImageResampler.Resample(pixels, sourceWidth, channels, window,
            (double)window.Height / height, (double)window.Width / width, 0, 0, destination, height, width);

    private static void Normalize(Span<float> destination, int channels, int plane, float[] means, float[] inverseStds)
    {
        for (int c = 0; c < channels; c++)
        {
            Span<float> p = destination.Slice(c * plane, plane);
            float mean = means[c], scale = inverseStds[c];
            if (mean == 0 && scale == 1) continue;
            for (int i = 0; i < p.Length; i++) p[i] = (p[i] - mean) * scale;
        }
    }

    /// <summary>torchvision's <c>Resize(size)</c> output size: the shorter side becomes size, the longer (int)(size · long / short).</summary>
    internal static (int Height, int Width) ResizedSize(int height, int width, int shorter) =>
        height <= width
            ? (shorter, (int)((long)shorter * width / height))
            : ((int)((long)shorter * height / width), shorter);

    private static ImageHeader CheckFile(string path, ImageFolderOptions options)
    {
        var info = new FileInfo(path);
        if (info.Length == 0) throw ImageFiles.Bad(path, "is empty (0 bytes)");
        if (info.Length > int.MaxValue) throw ImageFiles.Bad(path, $"is {info.Length:N0} bytes, more than an image file may be (2 GB)");
        byte[] bytes = File.ReadAllBytes(path);
        ImageHeader header = ImageFiles.Check(path, bytes, options.MaxImagePixels);
        if (TooSmall(path, header, options) is { } problem) throw new InvalidDataException(problem);
        return header;
    }

    private static string? TooSmall(string path, ImageHeader header, ImageFolderOptions options)
    {
        if (options.Resize)
        {
            (int h, int w) = ResizedSize(header.Height, header.Width, options.ShorterSide);
            return h >= options.Height && w >= options.Width ? null
                : $"{path} is {header.Width}×{header.Height} pixels; resized to {w}×{h} it is smaller than the {options.Width}×{options.Height} crop.";
        }
        return header.Height >= options.Height && header.Width >= options.Width ? null
            : $"{path} is {header.Width}×{header.Height} pixels, smaller than the {options.Width}×{options.Height} crop (width × height); ImageFolderOptions.Resize is off, so nothing enlarges it.";
    }

    private static bool IsHidden(string folder, string file)
    {
        string relative = Path.GetRelativePath(folder, file);
        foreach (string part in relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            if (part.Length > 0 && part[0] == '.') return true;
        }
        return false;
    }

    private static (float[] Mean, float[] InverseStd) Normalization(ImageFolderOptions options)
    {
        var mean = new float[options.Channels];
        var inverse = new float[options.Channels];
        for (int c = 0; c < options.Channels; c++)
        {
            mean[c] = options.Mean?[c] ?? 0f;
            inverse[c] = 1f / (options.Std?[c] ?? 1f);
        }
        return (mean, inverse);
    }

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)_entries.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The image folder has {_entries.Length:N0} images.");
        return index;
    }
}
