namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows T1–T10 of docs/bad-input.md: Trainer.Fit and TrainingOptions. Every refusal comes before the first step.</summary>
public class TrainerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static TrainingOptions Options(IOptimizer? optimizer = null) => new()
    {
        Optimizer = optimizer ?? new Sgd(0.05f, momentum: 0.9f),
        BatchSize = 8,
        Progress = TrainingProgress.None,
        Threads = 1,
    };

    private static void AssertRefusedBeforeTraining<T>(TrainingOptions options, Dataset? train = null, string? parameter = "options", params object[] named)
        where T : ArgumentException
    {
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        var state = options.Optimizer is null ? null : new OptimizerSnapshot(options.Optimizer);
        var error = Assert.Throws<T>(() => Trainer.Fit(net, train ?? Samples.Tiny(24), options));
        if (parameter is not null) Assert.Equal(parameter, error.ParamName);
        Messages.Names(error, named);
        network.AssertUnchanged();
        state?.AssertUnchanged();
    }

    [Fact]
    public void T1_null_arguments()
    {
        var net = new TinyNet(1);
        Assert.Throws<ArgumentNullException>("network", () => Trainer.Fit(null!, Samples.Tiny(8), Options()));
        Assert.Throws<ArgumentNullException>("train", () => Trainer.Fit(net, (Dataset)null!, Options()));
        Assert.Throws<ArgumentNullException>("options", () => Trainer.Fit(net, Samples.Tiny(8), null!));
        AssertRefusedBeforeTraining<ArgumentException>(Options() with { Optimizer = null! }, named: "Optimizer");
    }

    [Fact]
    public void T2_epochs_batch_size_checkpoint_interval_or_threads_below_one()
    {
        AssertRefusedBeforeTraining<ArgumentOutOfRangeException>(Options() with { Epochs = 0 }, named: "Epochs");
        AssertRefusedBeforeTraining<ArgumentOutOfRangeException>(Options() with { BatchSize = 0 }, named: "BatchSize");
        AssertRefusedBeforeTraining<ArgumentOutOfRangeException>(Options() with { BatchSize = -4 }, named: "BatchSize");
        AssertRefusedBeforeTraining<ArgumentOutOfRangeException>(Options() with { CheckpointEvery = 0 }, named: "CheckpointEvery");
        AssertRefusedBeforeTraining<ArgumentOutOfRangeException>(Options() with { Threads = 0 }, named: "Threads");
    }

    [Fact]
    public void T3_a_batch_larger_than_the_data_trains_on_all_of_it_in_one_batch()
    {
        var net = new TinyNet(1);
        var history = Trainer.Fit(net, Samples.Tiny(10), Options() with { BatchSize = 64, Epochs = 2 });
        Assert.All(history.Epochs, e => Assert.Equal(1, e.Steps));
    }

    [Fact]
    public void T4_data_of_the_wrong_shape_or_with_labels_out_of_range()
    {
        var wrongShape = new Dataset(new float[4 * 49], [0, 1, 2, 0], 1, 7, 7);
        AssertRefusedBeforeTraining<ArgumentException>(Options(), wrongShape, "train", "1×8×8", "1×7×7", "64", "49");
        var badLabels = new Dataset(new float[4 * 64], [0, 1, 3, 0], 1, 8, 8);
        AssertRefusedBeforeTraining<ArgumentException>(Options(), badLabels, "classCount", "Label 3", "sample 2", "3 classes");
        AssertRefusedBeforeTraining<ArgumentException>(Options() with { Validation = wrongShape }, parameter: "options", named: "validation");
    }

    [Fact]
    public void T5_validation_split_out_of_range_or_given_twice_and_early_stopping_without_validation()
    {
        AssertRefusedBeforeTraining<ArgumentOutOfRangeException>(Options() with { ValidationSplit = 1.0 }, named: "ValidationSplit");
        AssertRefusedBeforeTraining<ArgumentOutOfRangeException>(Options() with { ValidationSplit = double.NaN }, named: "ValidationSplit");
        AssertRefusedBeforeTraining<ArgumentException>(Options() with { ValidationSplit = 0.2, Validation = Samples.Tiny(4) }, named: ["Validation", "ValidationSplit"]);
        AssertRefusedBeforeTraining<ArgumentException>(Options() with { EarlyStopping = new EarlyStopping() }, named: "validation");
        AssertRefusedBeforeTraining<ArgumentOutOfRangeException>(
            Options() with { ValidationSplit = 0.25, EarlyStopping = new EarlyStopping { Patience = -1 } }, named: "Patience");
    }

    [Fact]
    public void T6_non_finite_data_stops_at_the_first_step_naming_it()
    {
        var data = Samples.Tiny(16);
        var samples = data.Samples.ToArray();
        samples.AsSpan().Fill(float.NaN);
        var poisoned = new Dataset(samples, data.Labels.ToArray(), 1, 8, 8);
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        var error = Assert.ThrowsAny<Exception>(() => Trainer.Fit(net, poisoned, Options(optimizer)));
        // Today: a TrainingStepException naming epoch 1, step 1 (the NaN loss). With the generator's input check: an
        // ArgumentException naming the sample. Either way nothing was trained.
        Assert.True(error is TrainingStepException { Epoch: 1, Step: 1 } or ArgumentException, error.ToString());
        network.AssertWeightsUnchanged();
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void T7_an_unwritable_checkpoint_folder_is_refused_before_training()
    {
        string unwritable = Path.Combine(_temp.Unwritable(), "checkpoints");
        AssertRefusedBeforeTraining<ArgumentException>(Options() with { CheckpointDirectory = unwritable }, named: ["CheckpointDirectory", unwritable]);
        string file = _temp.File("a-file");
        File.WriteAllText(file, "not a folder");
        AssertRefusedBeforeTraining<ArgumentException>(Options() with { CheckpointDirectory = file }, named: ["CheckpointDirectory", file]);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void T8_resuming_from_a_missing_or_foreign_checkpoint_changes_nothing()
    {
        var net = new TinyNet(1);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        var network = new NetworkSnapshot(net);
        string missing = _temp.File("absent.safetensors");
        Messages.Names(Assert.Throws<FileNotFoundException>(() => Trainer.Fit(net, Samples.Tiny(16), Options(optimizer) with { ResumeFrom = missing })), missing);
        string other = _temp.File("other");
        var otherNet = new OtherNet(2);
        Trainer.Fit(otherNet, Samples.Tiny(16), Options() with { CheckpointDirectory = other });
        string checkpoint = Checkpoint.FindLatest(other)!;
        var error = Assert.Throws<InvalidDataException>(() => Trainer.Fit(net, Samples.Tiny(16), Options(optimizer) with { ResumeFrom = checkpoint }));
        Messages.Names(error, checkpoint, "TinyNet", "head.weight");
        network.AssertWeightsUnchanged();
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void T9_temporary_files_of_unfinished_checkpoint_writes_are_cleared_before_training()
    {
        string folder = _temp.File("checkpoints");
        Directory.CreateDirectory(folder);
        string[] stale = [$".{Checkpoint.FileName(3)}.{Path.GetRandomFileName()}.tmp", $".{Checkpoint.FileName(4)}.{Path.GetRandomFileName()}.tmp"];
        string busy = $".{Checkpoint.FileName(9)}.{Path.GetRandomFileName()}.tmp";
        string[] others = ["notes.txt", $".weights.safetensors.{Path.GetRandomFileName()}.tmp", ".checkpoint-epoch-0003.safetensors.tmp", Checkpoint.FileName(7)];
        foreach (string name in stale.Concat(others)) File.WriteAllText(Path.Combine(folder, name), name);
        string[] Listing() => Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        string[]? afterFirstEpoch = null;

        using (new FileStream(Path.Combine(folder, busy), FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            Trainer.Fit(new TinyNet(1), Samples.Tiny(16), Options() with
            {
                Epochs = 2,
                CheckpointDirectory = folder,
                EpochCompleted = metrics => afterFirstEpoch ??= Listing(),
            });
        }

        string[] expected = [.. others, busy, Checkpoint.FileName(1)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), afterFirstEpoch);
        Assert.Equal(expected.Append(Checkpoint.FileName(2)).Order(StringComparer.Ordinal), Listing());
        foreach (string name in others) Assert.Equal(name, File.ReadAllText(Path.Combine(folder, name)));
    }

    [Fact]
    public void T10_resuming_with_options_the_checkpoint_cannot_serve_changes_nothing()
    {
        // The repro: a run checkpointed without best-weight restore, resumed with it.
        string folder = _temp.File("run");
        var stopping = new EarlyStopping { Patience = 5, RestoreBestWeights = false };
        Trainer.Fit(new TinyNet(3), Samples.Tiny(24), Options() with
        {
            Epochs = 2, CheckpointDirectory = folder, Validation = Samples.Tiny(8, seed: 2), EarlyStopping = stopping,
        });
        string checkpoint = Checkpoint.FindLatest(folder)!;

        var net = new TinyNet(1) { Threads = 2 };
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        var network = new NetworkSnapshot(net);
        string unused = _temp.File("not-created");
        var resumed = Options(optimizer) with
        {
            Epochs = 3, ResumeFrom = checkpoint, Validation = Samples.Tiny(8, seed: 2), CheckpointDirectory = unused,
            EarlyStopping = stopping with { RestoreBestWeights = true },
        };
        var error = Assert.Throws<ArgumentException>("options", () => Trainer.Fit(net, Samples.Tiny(24), resumed));
        Messages.Names(error, checkpoint, "no best-epoch weights", "RestoreBestWeights = false");
        network.AssertUnchanged();
        Assert.Equal(0, optimizer.StepCount);
        Assert.Empty(optimizer.GetState().Buffers);
        Assert.Equal(2, net.Threads);
        Assert.False(Directory.Exists(unused));

        // Watching another metric than the run that wrote it: its best value would be compared with the wrong numbers.
        error = Assert.Throws<ArgumentException>("options", () => Trainer.Fit(net, Samples.Tiny(24), resumed with
        {
            EarlyStopping = stopping with { Metric = EarlyStoppingMetric.ValidationAccuracy },
        }));
        Messages.Names(error, checkpoint, "another metric");
        network.AssertUnchanged();
        Assert.Equal(0, optimizer.StepCount);

        // The same options as the run's resume it.
        TrainingHistory history = Trainer.Fit(net, Samples.Tiny(24), resumed with { EarlyStopping = stopping });
        Assert.Equal(3, history.Epochs.Count);
    }
}
