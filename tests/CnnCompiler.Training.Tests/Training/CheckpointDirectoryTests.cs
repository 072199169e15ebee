namespace CnnCompiler.Training.Tests.Training;

/// <summary>
/// What a killed or damaged run leaves in the checkpoint folder: Fit clears away the temporary files of unfinished
/// checkpoint writes (and nothing else), and FindLatest passes over damaged checkpoints to the newest intact one.
/// </summary>
public sealed class CheckpointDirectoryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static TrainingOptions Options(int epochs, string directory) =>
        Runs.Options(new Sgd(0.1f, momentum: 0.9f), epochs) with { CheckpointDirectory = directory };

    /// <summary>Checkpoints after epochs 1…<paramref name="epochs"/> in the test folder.</summary>
    private string[] Checkpoints(int epochs)
    {
        Trainer.Fit(new TinyNet(seed: 1), Runs.Train, Options(epochs, _directory.Path));
        return Enumerable.Range(1, epochs).Select(e => _directory.File(Checkpoint.FileName(e))).ToArray();
    }

    private static void Truncate(string path, int keep) => File.WriteAllBytes(path, File.ReadAllBytes(path)[..keep]);

    private static void FlipLastByte(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 1;
        File.WriteAllBytes(path, bytes);
    }

    private string[] Listing() => Directory.GetFiles(_directory.Path).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void TemporaryNamesOfAtomicWritesAreRecognized()
    {
        string name = $".{Checkpoint.FileName(3)}.{Path.GetRandomFileName()}.tmp";
        Assert.True(AtomicFile.TryGetTarget(name, out string? target));
        Assert.Equal(Checkpoint.FileName(3), target);
        foreach (string other in new[] { "checkpoint-epoch-0003.safetensors", ".checkpoint-epoch-0003.safetensors.tmp", ".x.abcdefgh.ijk.tmp.bak", ".x.ABCDEFGH.IJK.tmp", ".x.abcdefghijkl.tmp", ".abcdefgh.ijk.tmp" })
            Assert.False(AtomicFile.TryGetTarget(other, out _), other);
    }

    [Fact]
    public void FitDeletesStaleCheckpointTemporaryFilesAndNothingElse()
    {
        string original = Checkpoints(1)[0];
        string kept = _directory.File(Checkpoint.FileName(7));
        File.Move(original, kept);
        byte[] keptBytes = File.ReadAllBytes(kept);
        string[] stale =
        [
            $".{Checkpoint.FileName(2)}.{Path.GetRandomFileName()}.tmp",
            $".{Checkpoint.FileName(3)}.abcdefgh.ij5.tmp",
            $".{Checkpoint.FileName(12345)}.{Path.GetRandomFileName()}.tmp",
        ];
        string[] unrelated =
        [
            "notes.txt",
            ".weights.safetensors.abcdefgh.ijk.tmp",              // another file's temporary: not ours to delete
            ".checkpoint-epoch-0002.safetensors.tmp",              // no random part
            ".checkpoint-epoch-last.safetensors.abcdefgh.ijk.tmp", // not a checkpoint name
            "checkpoint-epoch-0001.safetensors.abcdefgh.ijk.tmp",  // no leading dot
        ];
        foreach (string name in stale) File.WriteAllBytes(_directory.File(name), keptBytes[..100]);
        foreach (string name in unrelated) File.WriteAllText(_directory.File(name), name);
        string[]? atFirstEpoch = null;

        Trainer.Fit(new TinyNet(seed: 2), Runs.Train, Options(1, _directory.Path) with { EpochCompleted = _ => atFirstEpoch = Listing() });

        string[] expected = [.. unrelated, Checkpoint.FileName(1), Checkpoint.FileName(7)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Listing());
        Assert.Equal(expected.Order(StringComparer.Ordinal), atFirstEpoch);  // deleted at the start, not at the end
        Assert.Equal(keptBytes, File.ReadAllBytes(kept));
        foreach (string name in unrelated) Assert.Equal(name, File.ReadAllText(_directory.File(name)));
    }

    [Fact]
    public void TemporaryFileBeingWrittenIsLeftAlone()
    {
        string busy = _directory.File($".{Checkpoint.FileName(4)}.{Path.GetRandomFileName()}.tmp");
        string stale = _directory.File($".{Checkpoint.FileName(3)}.{Path.GetRandomFileName()}.tmp");
        File.WriteAllText(stale, "stale");
        using (var writer = new FileStream(busy, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            Trainer.Fit(new TinyNet(seed: 2), Runs.Train, Options(1, _directory.Path));
            Assert.True(File.Exists(busy));
        }
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void FitWithoutStaleFilesOrWithoutAFolderStillWorks()
    {
        string missing = _directory.File("created-by-fit");
        Trainer.Fit(new TinyNet(seed: 2), Runs.Train, Options(1, missing));
        Assert.Equal([Checkpoint.FileName(1)], Directory.GetFiles(missing).Select(Path.GetFileName));
    }

    [Fact]
    public void FindLatestReturnsAnIntactNewestCheckpoint()
    {
        string[] paths = Checkpoints(3);
        Assert.Equal(paths[2], Checkpoint.FindLatest(_directory.Path));
        Checkpoint.Validate(paths[2]);
    }

    [Fact]
    public void FindLatestSkipsATruncatedNewestCheckpoint()
    {
        string[] paths = Checkpoints(3);
        Truncate(paths[2], File.ReadAllBytes(paths[2]).Length / 2);

        Assert.Equal(paths[1], Checkpoint.FindLatest(_directory.Path));

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Validate(paths[2]));
        Assert.Contains(paths[2], error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void FindLatestSkipsNewerCheckpointsThatFailTheirChecksumOrAreNotSafetensors()
    {
        string[] paths = Checkpoints(3);
        FlipLastByte(paths[2]);
        FlipLastByte(paths[1]);
        File.WriteAllText(_directory.File(Checkpoint.FileName(9)), "not a checkpoint");
        File.WriteAllBytes(_directory.File(Checkpoint.FileName(8)), []);

        Assert.Equal(paths[0], Checkpoint.FindLatest(_directory.Path));
        Assert.Contains("SHA-256", Assert.Throws<InvalidDataException>(() => Checkpoint.Validate(paths[2])).Message);
    }

    [Fact]
    public void FindLatestReturnsNullWhenEveryCheckpointIsCorrupt()
    {
        string[] paths = Checkpoints(2);
        Truncate(paths[1], 5);
        FlipLastByte(paths[0]);

        Assert.Null(Checkpoint.FindLatest(_directory.Path));
    }

    [Fact]
    public void LoadStaysStrictAboutACorruptCheckpointNamedExplicitly()
    {
        string[] paths = Checkpoints(2);
        Truncate(paths[1], File.ReadAllBytes(paths[1]).Length - 12);
        var network = new TinyNet(seed: 5);
        var optimizer = new Sgd(0.1f, momentum: 0.9f);
        var before = Bits.Snapshot(network);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(paths[1], network, optimizer));

        Assert.Contains(paths[1], error.Message);
        Bits.Unchanged(before, network);
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void ValidateAgreesWithReadOnIntactAndDamagedFiles()
    {
        string[] paths = Checkpoints(1);
        byte[] good = File.ReadAllBytes(paths[0]);
        int headerEnd = 8 + (int)BitConverter.ToUInt64(good, 0);
        string path = _directory.File("damaged.safetensors");
        foreach (byte[] bytes in new[] { good[..3], good[..(headerEnd / 2)], good[..(good.Length - 1)], [.. good, 0], Flipped(good, headerEnd + 1), Flipped(good, 20) })
        {
            File.WriteAllBytes(path, bytes);
            string expected = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path)).Message;
            Assert.Equal(expected, Assert.Throws<InvalidDataException>(() => Checkpoint.Validate(path)).Message);
        }
        Assert.Throws<FileNotFoundException>(() => Checkpoint.Validate(_directory.File("absent.safetensors")));
        Assert.Throws<ArgumentException>("path", () => Checkpoint.Validate(""));
    }

    private static byte[] Flipped(byte[] bytes, int index)
    {
        byte[] copy = bytes.ToArray();
        copy[index] ^= 0x40;
        return copy;
    }
}
