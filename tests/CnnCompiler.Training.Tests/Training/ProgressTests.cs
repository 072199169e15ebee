namespace CnnCompiler.Training.Tests.Training;

public sealed class ProgressTests
{
    private static string Output(TrainingProgress progress, int epochs = 2)
    {
        var writer = new StringWriter();
        Trainer.Fit(new TinyNet(seed: 1), Runs.Train, Runs.Options(new Sgd(0.1f), epochs) with { Progress = progress, ProgressWriter = writer });
        return writer.ToString();
    }

    [Theory]
    [InlineData(TrainingProgress.Lines)]
    [InlineData(TrainingProgress.Auto)] // a writer that is not the console counts as redirected output
    public void LinesModeWritesOnePlainLinePerEpoch(TrainingProgress progress)
    {
        string[] lines = Output(progress).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^Epoch 1/2: loss \d+\.\d{4}, accuracy \d+\.\d\d %, val_loss \d+\.\d{4}, val_accuracy \d+\.\d\d %, lr 0\.1, \d+\.\d\d s, [\d,]+ images/s$", lines[0]);
        Assert.StartsWith("Epoch 2/2: ", lines[1]);
        Assert.DoesNotContain('\r', string.Join("", lines));
    }

    [Fact]
    public void BarModeRedrawsInPlaceAndEndsEachEpochWithItsSummary()
    {
        string output = Output(TrainingProgress.Bar);

        string[] lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\rEpoch 1/2 [########################] 6/6", lines[0]); // the last step always redraws
        Assert.Contains(" img/s  ETA 0:00  loss ", lines[0]);
        Assert.Matches(@"\rEpoch 1/2: loss [^\r]*images/s *$", lines[0]);
    }

    [Fact]
    public void NoneWritesNothing() => Assert.Equal("", Output(TrainingProgress.None));

    [Fact]
    public void ResumingAndEarlyStoppingAreAnnounced()
    {
        using var directory = new TempDirectory();
        var writer = new StringWriter();
        var noise = SyntheticData.Noise(48, seed: 3);
        TrainingOptions options = Runs.Options(new AdamW(0.05f), epochs: 40) with
        {
            Validation = SyntheticData.Noise(24, seed: 4),
            EarlyStopping = new EarlyStopping { Patience = 1 },
            CheckpointDirectory = directory.Path,
            Progress = TrainingProgress.Lines,
            ProgressWriter = writer,
        };
        TrainingHistory history = Trainer.Fit(new TinyNet(seed: 1), noise, options);
        string first = Checkpoint.FileName(1);
        Trainer.Fit(new TinyNet(seed: 1), noise, options with { ResumeFrom = Path.Combine(directory.Path, first), Optimizer = new AdamW(0.05f) });

        string output = writer.ToString();
        Assert.Contains($"Early stopping after epoch {history.Epochs.Count}: val_loss last improved in epoch {history.BestEpoch}", output);
        Assert.Contains($"Restored the weights of epoch {history.BestEpoch}.", output);
        Assert.Contains($"Resumed from {Path.Combine(directory.Path, first)} after epoch 1 (global step 3).", output);
    }
}
