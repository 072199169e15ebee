namespace CnnCompiler;

/// <summary>
/// Loads Fashion-MNIST (28×28 grayscale clothing images, 10 classes) as 1×28×28 samples scaled to [0, 1].
/// Looks in a given directory, else in the Debian package <c>dataset-fashion-mnist</c>, else in the subset
/// shipped with the repository (10,000 training and 2,000 test images).
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the full data set.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The shipped subset's directory, relative to the repository root.</summary>
    public const string SubsetRelativeDirectory = "data/fashion-mnist-subset";

    public const string TrainImagesFile = "train-images-idx3-ubyte";
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    private static readonly string[] s_classNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The ten class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames => s_classNames;

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>The height and width of an image.</summary>
    public const int ImageSize = 28;

    /// <summary>The images in the full training set (the test set has 10,000).</summary>
    public const int TrainCount = 60_000;

    /// <summary>The images in the full test set.</summary>
    public const int TestCount = 10_000;

    /// <summary>
    /// Loads the training and test sets. With <paramref name="directory"/> the four files must be there (gzipped or not);
    /// without it the Debian location is tried, then the shipped subset. <c>Source</c> is the directory read.
    /// Every file must be what Fashion-MNIST is: images N×28×28 unsigned bytes (so samples are 1×28×28 in [0, 1]), labels
    /// N unsigned bytes 0…9, with N at most 60,000 for training and 10,000 for testing; anything else is an
    /// <see cref="InvalidDataException"/> naming the file, found from its header before its data is read.
    /// </summary>
    public static (Dataset Train, Dataset Test, string Source) Load(string? directory = null)
    {
        string source = directory is null ? FindDefaultDirectory() : RequireDirectory(directory);
        var train = Read(source, TrainImagesFile, TrainLabelsFile, TrainCount);
        var test = Read(source, TestImagesFile, TestLabelsFile, TestCount);
        return (train, test, source);
    }

    // Labels outside the ten classes mean a damaged or foreign label file: an InvalidDataException naming it.
    private static Dataset Read(string directory, string imagesFile, string labelsFile, int maxCount)
    {
        string imagesPath = FindFile(directory, imagesFile)!;
        string labelsPath = FindFile(directory, labelsFile)!;
        IdxArray images = IdxReader.Read(imagesPath, new IdxLayout("Fashion-MNIST images", IdxElementType.UnsignedByte, [ImageSize, ImageSize], maxCount));
        IdxArray labels = IdxReader.Read(labelsPath, new IdxLayout("Fashion-MNIST labels", IdxElementType.UnsignedByte, [], maxCount));
        var data = DatasetFromIdx.Create(images, labels, 255f, imagesPath, labelsPath);
        try
        {
            data.ValidateLabels(ClassCount);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{labelsPath}: {e.Message}", e);
        }
        return data;
    }

    /// <summary>
    /// The shipped subset's directory: <c>data/fashion-mnist-subset</c> next to the application or in the nearest
    /// parent directory that has one (the repository root when run from a build output folder); null if none.
    /// </summary>
    public static string? FindSubsetDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, SubsetRelativeDirectory);
            if (HasAllFiles(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The path of <paramref name="baseName"/> in <paramref name="directory"/>, gzipped (<c>.gz</c>) or not; null if absent.</summary>
    public static string? FindFile(string directory, string baseName)
    {
        string gzipped = Path.Combine(directory, baseName + ".gz");
        if (File.Exists(gzipped)) return gzipped;
        string raw = Path.Combine(directory, baseName);
        return File.Exists(raw) ? raw : null;
    }

    private static IEnumerable<string> FileNames() => [TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile];

    private static bool HasAllFiles(string directory) => FileNames().All(name => FindFile(directory, name) is not null);

    private static string RequireDirectory(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"The Fashion-MNIST directory {full} does not exist.");
        var missing = FileNames().Where(name => FindFile(full, name) is null).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"The Fashion-MNIST directory {full} lacks {string.Join(", ", missing.Select(name => name + "[.gz]"))}.",
                Path.Combine(full, missing[0] + ".gz"));
        return full;
    }

    private static string FindDefaultDirectory()
    {
        if (HasAllFiles(DebianDirectory)) return DebianDirectory;
        return FindSubsetDirectory() ?? throw new FileNotFoundException(
            $"Fashion-MNIST was not found: not in {DebianDirectory} (apt-get install dataset-fashion-mnist) and no " +
            $"{SubsetRelativeDirectory} in {AppContext.BaseDirectory} or any parent directory.");
    }
}
