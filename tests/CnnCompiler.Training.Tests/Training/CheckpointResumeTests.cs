namespace CnnCompiler.Training.Tests.Training;

/// <summary>A run that crashes after a checkpoint and resumes from it ends bitwise where an uninterrupted run ends.</summary>
public sealed class CheckpointResumeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private sealed class Crash : Exception;

    public static TheoryData<string> Optimizers => ["sgd", "adamw"];

    private static IOptimizer NewOptimizer(string kind) => kind switch
    {
        "sgd" => new Sgd(0.05f, momentum: 0.9f, weightDecay: 1e-4f),
        _ => new AdamW(0.01f),
    };

    /// <summary>BatchNorm, dropout, augmentation, a schedule and early stopping all carry state across the checkpoint.</summary>
    private static TrainingOptions Options(IOptimizer optimizer, int epochs) => Runs.Options(optimizer, epochs) with
    {
        Augmentation = new Compose(new RandomHorizontalFlip(), new RandomCrop(1)),
        Schedule = new CosineAnnealingLR(0.05f, tMax: 24),
        EarlyStopping = new EarlyStopping { Patience = 10 },
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ResumedRunIsBitwiseIdenticalToAnUninterruptedOne(string optimizerKind)
    {
        var straight = new TinyBatchNormNet(seed: 3);
        IOptimizer straightOptimizer = NewOptimizer(optimizerKind);
        TrainingHistory straightHistory = Trainer.Fit(straight, Runs.Train, Options(straightOptimizer, epochs: 4));

        var crashing = new TinyBatchNormNet(seed: 3);
        Assert.Throws<Crash>(() => Trainer.Fit(crashing, Runs.Train, Options(NewOptimizer(optimizerKind), epochs: 4) with
        {
            CheckpointDirectory = _directory.Path,
            EpochCompleted = metrics => { if (metrics.Epoch == 2) throw new Crash(); },
        }));
        string checkpoint = Checkpoint.FindLatest(_directory.Path)!;
        Assert.Equal(Checkpoint.FileName(2), Path.GetFileName(checkpoint));

        // A fresh process: another initialization and a fresh optimizer; everything comes from the checkpoint.
        var resumed = new TinyBatchNormNet(seed: 77);
        IOptimizer resumedOptimizer = NewOptimizer(optimizerKind);
        TrainingHistory resumedHistory = Trainer.Fit(resumed, Runs.Train, Options(resumedOptimizer, epochs: 4) with { ResumeFrom = checkpoint });

        Bits.EqualWeights(straight, resumed);
        Assert.Equal(Runs.Deterministic(straightHistory), Runs.Deterministic(resumedHistory));
        Assert.Equal(straightOptimizer.StepCount, resumedOptimizer.StepCount);
        Assert.Equal(straightOptimizer.GetState().Buffers.Select(b => (b.Key, Bits.Of(b.Value))),
            resumedOptimizer.GetState().Buffers.Select(b => (b.Key, Bits.Of(b.Value))));
        Assert.Equal(straight.TrainingRandom.State, resumed.TrainingRandom.State);
        Assert.Equal(straightHistory.BestEpoch, resumedHistory.BestEpoch);
    }

    [Fact]
    public void CheckpointHoldsNetworkOptimizerAndRunState()
    {
        var network = new TinyBatchNormNet(seed: 3);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        TrainingHistory history = Trainer.Fit(network, Runs.Train, Runs.Options(optimizer, epochs: 2) with
        {
            CheckpointDirectory = _directory.Path,
            CheckpointEvery = 2,
        });

        Assert.Equal([Checkpoint.FileName(2)], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
        SafeTensorsFile file = SafeTensors.Read(Path.Combine(_directory.Path, Checkpoint.FileName(2)));
        Assert.Equal("1", file.Metadata["cnncompiler.checkpoint_version"]);
        Assert.Equal("2", file.Metadata["cnncompiler.epoch"]);
        Assert.Equal("12", file.Metadata["cnncompiler.global_step"]);
        Assert.Equal("12", file.Metadata["cnncompiler.optimizer_step"]);
        Assert.Equal("12", file.Metadata["cnncompiler.schedule_step"]);
        Assert.Equal("Sgd", file.Metadata["cnncompiler.optimizer"]);
        Assert.Equal(Runs.Deterministic(history), Runs.Deterministic(TrainingHistory.FromJson(file.Metadata["cnncompiler.history"])));
        Assert.Matches("^[0-9a-f]{16}(,[0-9a-f]{16}){3}$", file.Metadata["cnncompiler.shuffle_rng"]);
        Assert.Matches("^[0-9a-f]{16}(,[0-9a-f]{16}){3}$", file.Metadata["cnncompiler.network_rng"]);
        SafeTensorInfo momentum = file.GetTensor("optimizer.momentum_buffer");
        Assert.Equal([(long)TinyBatchNormNet.ParameterCount], momentum.Shape);
        var values = new float[TinyBatchNormNet.ParameterCount];
        file.ReadFloats(momentum, values);
        Bits.Equal(optimizer.MomentumBuffer, values);

        // The network tensors are an ordinary weight file's: LoadWeights reads them, reporting the checkpoint's extras.
        var loaded = new TinyBatchNormNet(seed: 9);
        WeightLoadReport report = loaded.LoadWeights(file.Source, new LoadOptions { Strict = false });
        Bits.EqualWeights(network, loaded);
        Assert.Equal(["optimizer.momentum_buffer"], report.Unexpected);
    }

    [Fact]
    public void CheckpointOfAnotherArchitectureIsRejectedAndChangesNothing()
    {
        string path = _directory.File("tiny.safetensors");
        var source = new TinyNet(seed: 1);
        var sourceOptimizer = new Sgd(0.1f, momentum: 0.9f);
        Trainer.Fit(source, Runs.Train, Runs.Options(sourceOptimizer, epochs: 1) with { CheckpointDirectory = _directory.Path });
        File.Move(Path.Combine(_directory.Path, Checkpoint.FileName(1)), path);

        var target = new TinyNetWiderHead(seed: 2);
        var optimizer = new Sgd(0.2f, momentum: 0.9f);
        var before = Bits.Snapshot(target);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, target, optimizer));

        Assert.Contains("'dense1.weight' has shape 3×36 in the file but 5×36 in the network", error.Message);
        Bits.Unchanged(before, target);
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal(0.2f, optimizer.LearningRate);
    }

    [Fact]
    public void CheckpointOfAnotherOptimizerIsRejected()
    {
        var network = new TinyNet(seed: 1);
        Trainer.Fit(network, Runs.Train, Runs.Options(new Sgd(0.1f, momentum: 0.9f), epochs: 1) with { CheckpointDirectory = _directory.Path });

        var error = Assert.Throws<ArgumentException>(() =>
            Checkpoint.Load(Path.Combine(_directory.Path, Checkpoint.FileName(1)), new TinyNet(seed: 2), new AdamW()));

        Assert.Contains("holds the state of a Sgd optimizer; the optimizer given is a AdamW", error.Message);
    }

    [Fact]
    public void CorruptCheckpointIsRejected()
    {
        Trainer.Fit(new TinyNet(seed: 1), Runs.Train, Runs.Options(new Sgd(0.1f), epochs: 1) with { CheckpointDirectory = _directory.Path });
        string path = Path.Combine(_directory.Path, Checkpoint.FileName(1));
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 1;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() =>
            Trainer.Fit(new TinyNet(seed: 2), Runs.Train, Runs.Options(new Sgd(0.1f), epochs: 2) with { ResumeFrom = path }));

        Assert.Contains(path, error.Message);
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void WeightFileIsNotACheckpoint()
    {
        string path = _directory.File("weights.safetensors");
        new TinyNet(seed: 1).SaveWeights(path);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, new TinyNet(seed: 2), new Sgd(0.1f)));

        Assert.Contains("is not a CnnCompiler checkpoint", error.Message);
    }

    [Fact]
    public void FindLatestPicksTheHighestEpoch()
    {
        Assert.Null(Checkpoint.FindLatest(_directory.Path));
        Trainer.Fit(new TinyNet(seed: 1), Runs.Train, Runs.Options(new Sgd(0.1f), epochs: 1) with { CheckpointDirectory = _directory.Path });
        string written = Path.Combine(_directory.Path, Checkpoint.FileName(1));
        foreach (int epoch in new[] { 2, 10, 9 }) File.Copy(written, Path.Combine(_directory.Path, Checkpoint.FileName(epoch)));
        File.Copy(written, Path.Combine(_directory.Path, "checkpoint-epoch-last.safetensors"));

        Assert.Equal(Path.Combine(_directory.Path, "checkpoint-epoch-0010.safetensors"), Checkpoint.FindLatest(_directory.Path));
    }

    [Fact]
    public void ResumingARunThatHasReachedItsEpochsRestoresWithoutTraining()
    {
        var network = new TinyNet(seed: 1);
        var optimizer = new Sgd(0.1f, momentum: 0.9f);
        TrainingHistory history = Trainer.Fit(network, Runs.Train, Runs.Options(optimizer, epochs: 2) with { CheckpointDirectory = _directory.Path });

        var resumed = new TinyNet(seed: 2);
        var resumedOptimizer = new Sgd(0.1f, momentum: 0.9f);
        TrainingHistory resumedHistory = Trainer.Fit(resumed, Runs.Train, Runs.Options(resumedOptimizer, epochs: 2) with
        {
            ResumeFrom = Path.Combine(_directory.Path, Checkpoint.FileName(2)),
        });

        Assert.Equal(history.Epochs, resumedHistory.Epochs);
        Bits.EqualWeights(network, resumed);
        Assert.Equal(12, resumedOptimizer.StepCount);
        Bits.Equal(optimizer.MomentumBuffer, resumedOptimizer.MomentumBuffer);
    }
}
