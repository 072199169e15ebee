using System.Diagnostics;
using System.Globalization;

namespace CnnCompiler.Endurance;

/// <summary>What the train command trains: everything that must be equal for two runs to give the same weights.</summary>
internal sealed record TrainSettings
{
    public required string Directory { get; init; }
    public int Epochs { get; init; } = 8;
    public int CheckpointEvery { get; init; } = 1;
    public int Seed { get; init; } = 7;
    /// <summary>Images taken from the start of the shipped training subset; a tenth is held out for validation.</summary>
    public int Samples { get; init; } = 2000;
    public int Batch { get; init; } = 50;
    public int Threads { get; init; } = 1;
    public string Net { get; init; } = "small";
    public string? Data { get; init; }

    public static TrainSettings Parse(Arguments args) => new()
    {
        Directory = args.String("dir") ?? throw new ArgumentException("train needs --dir DIR (where checkpoints go and are resumed from)."),
        Epochs = args.Int("epochs", 8, min: 1),
        CheckpointEvery = args.Int("checkpoint-every", 1, min: 1),
        Seed = args.Int("seed", 7),
        Samples = args.Int("samples", 2000, min: 20),
        Batch = args.Int("batch", 50, min: 1),
        Threads = args.Int("threads", 1, min: 1),
        Net = args.String("net", "small"),
        Data = args.String("data"),
    };

    /// <summary>The command line that runs the train command with these settings.</summary>
    public IReadOnlyList<string> ToArguments()
    {
        var list = new List<string>
        {
            "train", "--dir", Directory, "--epochs", Text(Epochs), "--checkpoint-every", Text(CheckpointEvery), "--seed", Text(Seed),
            "--samples", Text(Samples), "--batch", Text(Batch), "--threads", Text(Threads), "--net", Net,
        };
        if (Data is not null) list.AddRange(["--data", Data]);
        return list;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Trains with <see cref="Trainer.Fit"/> and checkpoints, resuming from the latest checkpoint in the directory, and
/// prints one line per event (the fault-injection harness reads them): <c>start</c>, <c>stale-temp</c> for each
/// temporary file an interrupted checkpoint write left (inspected, reported, deleted: never resumed from),
/// <c>resume</c>, <c>corrupt-checkpoint</c>, <c>epoch</c>, and at the end <c>final-hash</c> and <c>done</c>.
/// </summary>
internal static class TrainCommand
{
    public const string TempPattern = ".checkpoint-epoch-*.tmp";

    public static int Run(TrainSettings settings, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        string directory = Path.GetFullPath(settings.Directory);
        System.IO.Directory.CreateDirectory(directory);

        Dataset data = LoadSubset(settings.Data).Train.Take(settings.Samples);
        var (train, validation) = data.Split(0.1, (ulong)settings.Seed);
        int stepsPerEpoch = (train.Count + settings.Batch - 1) / settings.Batch;
        output.WriteLine(string.Create(culture,
            $"start pid={Environment.ProcessId} net={settings.Net} train={train.Count} validation={validation.Count} steps_per_epoch={stepsPerEpoch} epochs={settings.Epochs} load_ms={clock.Elapsed.TotalMilliseconds:F0}"));

        foreach (string temporary in System.IO.Directory.GetFiles(directory, TempPattern).Order(StringComparer.Ordinal))
        {
            var (valid, reason) = Inspect(temporary);
            output.WriteLine(string.Create(culture, $"stale-temp file={Path.GetFileName(temporary)} bytes={new FileInfo(temporary).Length} valid={valid} reason={reason}"));
            File.Delete(temporary);
        }

        IClassifier network = Networks.Create(settings.Net, settings.Seed);
        var optimizer = new AdamW(2e-3f, weightDecay: 1e-4);
        string? resumeFrom = FindValidLatest(directory, output);
        output.WriteLine(resumeFrom is null ? "resume none" : $"resume from={Path.GetFileName(resumeFrom)}");

        var options = new TrainingOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.Batch,
            Optimizer = optimizer,
            Schedule = new CosineAnnealingLR(2e-3f, settings.Epochs).PerEpoch(stepsPerEpoch).WithWarmup(10, 0.1),
            Augmentation = new Compose(new RandomHorizontalFlip(), new RandomCrop(2)),
            Validation = validation,
            EarlyStopping = new EarlyStopping { Patience = settings.Epochs, RestoreBestWeights = true },
            CheckpointDirectory = directory,
            CheckpointEvery = settings.CheckpointEvery,
            ResumeFrom = resumeFrom,
            Seed = (ulong)settings.Seed,
            Threads = settings.Threads,
            Progress = TrainingProgress.None,
            EpochCompleted = m => output.WriteLine(string.Create(culture,
                $"epoch {m.Epoch} loss={m.Loss:R} acc={m.Accuracy:R} val_loss={m.ValidationLoss:R} val_acc={m.ValidationAccuracy:R} lr={m.LearningRate:R} seconds={m.Seconds:F3} hash={WeightHash.Of(network)}")),
        };
        TrainingHistory history = Trainer.Fit(network, train, options);
        output.WriteLine($"final-hash {WeightHash.Of(network)}");
        output.WriteLine(string.Create(culture, $"done epochs={history.Epochs.Count} best_epoch={history.BestEpoch} seconds={clock.Elapsed.TotalSeconds:F2}"));
        return 0;
    }

    /// <summary>The shipped Fashion-MNIST subset (not the Debian package: the figures must not depend on what is installed).</summary>
    public static (Dataset Train, Dataset Test) LoadSubset(string? directory)
    {
        string source = directory ?? FashionMnist.FindSubsetDirectory()
            ?? throw new DirectoryNotFoundException($"The Fashion-MNIST subset ({FashionMnist.SubsetRelativeDirectory}) was not found above {AppContext.BaseDirectory}; pass --data DIR.");
        var (train, test, _) = FashionMnist.Load(source);
        return (train, test);
    }

    /// <summary>
    /// The latest checkpoint whose file reads back whole (layout and SHA-256): one that does not is reported, renamed
    /// to <c>*.corrupt</c> and the one before it is tried. Atomic writes should make this never happen.
    /// </summary>
    private static string? FindValidLatest(string directory, TextWriter output)
    {
        while (Checkpoint.FindLatest(directory) is { } latest)
        {
            var (valid, reason) = Inspect(latest);
            if (valid) return latest;
            output.WriteLine($"corrupt-checkpoint file={Path.GetFileName(latest)} reason={reason}");
            File.Move(latest, latest + ".corrupt", overwrite: true);
        }
        return null;
    }

    /// <summary>Whether a file reads as a whole safetensors file with a matching checksum, and if not, why.</summary>
    public static (bool Valid, string Reason) Inspect(string path)
    {
        try
        {
            SafeTensorsFile file = SafeTensors.Read(path);
            return file.Metadata.ContainsKey(SafeTensors.ChecksumKey) ? (true, "complete") : (false, "no-checksum");
        }
        catch (InvalidDataException e)
        {
            return (false, OneLine(e.Message));
        }
        catch (EndOfStreamException e)
        {
            return (false, OneLine(e.Message));
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace(Environment.CurrentDirectory, ".", StringComparison.Ordinal);
}
