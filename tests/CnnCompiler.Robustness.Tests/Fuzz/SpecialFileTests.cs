namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>
/// Paths that are not regular files, at every reader: a FIFO (blocks a reader until a writer comes), a symbolic link to
/// one, links to /dev/zero (never ends) and /dev/null, an empty file, a folder. Each is refused at once with a
/// documented exception naming the path, and nothing changes; FindLatest passes over them.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Creates each kind of special path at <paramref name="path"/> in turn, calling <paramref name="check"/> after each.</summary>
    private static void ForEachKind(string path, Action<string> check)
    {
        foreach (string kind in new[] { "fifo", "link to a fifo", "link to /dev/zero", "link to /dev/null", "empty file", "folder" })
        {
            if (OperatingSystem.IsWindows() && kind.StartsWith("link", StringComparison.Ordinal)) continue;
            switch (kind)
            {
                case "fifo": SpecialFiles.Fifo(path); break;
                case "link to a fifo": File.CreateSymbolicLink(path, SpecialFiles.Fifo(path + ".fifo")); break;
                case "link to /dev/zero": File.CreateSymbolicLink(path, "/dev/zero"); break;
                case "link to /dev/null": File.CreateSymbolicLink(path, "/dev/null"); break;
                case "empty file": File.WriteAllBytes(path, []); break;
                default: Directory.CreateDirectory(path); break;
            }
            try
            {
                check(kind);
            }
            finally
            {
                if (Directory.Exists(path) && !File.Exists(path)) Directory.Delete(path);
                else File.Delete(path);
                File.Delete(path + ".fifo");
            }
        }
    }

    private static void AssertRefused(string path, string kind, Action call)
    {
        Exception? error = SpecialFiles.ThrownWithin10Seconds(call);
        Assert.True(error is not null, $"{kind}: not refused");
        Type expected = kind == "folder" ? typeof(UnauthorizedAccessException) : typeof(InvalidDataException);
        Assert.True(error.GetType() == expected, $"{kind}: {error}");
        Messages.Names(error, path);
    }

    [Fact]
    public void Weight_files_and_checkpoints()
    {
        string path = _temp.File("special.safetensors");
        var net = new TinyNet(1);
        var optimizer = new Sgd(0.1f, momentum: 0.9f);
        var network = new NetworkSnapshot(net);
        var state = new OptimizerSnapshot(optimizer);
        ForEachKind(path, kind =>
        {
            AssertRefused(path, kind, () => net.LoadWeights(path));
            AssertRefused(path, kind, () => Checkpoint.Load(path, net, optimizer));
            AssertRefused(path, kind, () => Checkpoint.Validate(path));
            AssertRefused(path, kind, () => SafeTensors.Read(path));
            network.AssertUnchanged();
            state.AssertUnchanged();
        });
    }

    [Fact]
    public void Find_latest_passes_over_special_files_named_as_checkpoints()
    {
        string first = _temp.File(Checkpoint.FileName(1));
        Checkpoint.Save(first, new TinyNet(1), new Sgd(0.1f), new TrainingCheckpoint(0, 0, (1, 2, 3, 4), (5, 6, 7, 8), new TrainingHistory(), null));
        ForEachKind(_temp.File(Checkpoint.FileName(2)), kind =>
        {
            string? latest = null;
            Assert.Null(SpecialFiles.ThrownWithin10Seconds(() => latest = Checkpoint.FindLatest(_temp.Path)));
            Assert.True(first == latest, $"{kind}: {latest}");
        });
    }

    [Fact]
    public void Idx_files_and_fashion_mnist_folders()
    {
        string path = _temp.File("special-idx1-ubyte");
        ForEachKind(path, kind => AssertRefused(path, kind, () => IdxReader.Read(path)));

        string folder = _temp.File("fashion");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, FashionMnist.TrainImagesFile), IdxFiles.Build(0x08, [2, 28, 28], seed: 1));
        File.WriteAllBytes(Path.Combine(folder, FashionMnist.TrainLabelsFile), [0, 0, 8, 1, 0, 0, 0, 2, 3, 4]);
        File.WriteAllBytes(Path.Combine(folder, FashionMnist.TestImagesFile), IdxFiles.Build(0x08, [2, 28, 28], seed: 2));
        string labels = Path.Combine(folder, FashionMnist.TestLabelsFile);
        ForEachKind(labels, kind =>
        {
            Exception? error = SpecialFiles.ThrownWithin10Seconds(() => FashionMnist.Load(folder));
            // A folder is not a file: FashionMnist reports the file as missing (D11).
            Assert.True(error?.GetType() == (kind == "folder" ? typeof(FileNotFoundException) : typeof(InvalidDataException)), $"{kind}: {error}");
            Messages.Names(error!, kind == "folder" ? FashionMnist.TestLabelsFile : labels);
        });
    }
}
