namespace CnnCompiler.Training.Tests.Training;

public sealed class FitTests
{
    [Fact]
    public void LeNetLearnsFashionMnistSubsetAndReportsEveryMetric()
    {
        var network = new LeNet5(seed: 1);
        TrainingHistory history = Trainer.Fit(network, FashionSubset.Train, new TrainingOptions
        {
            Epochs = 3,
            BatchSize = 32,
            Optimizer = new Sgd(0.05f, momentum: 0.9f),
            Validation = FashionSubset.Test,
            Seed = 1,
            Progress = TrainingProgress.None,
        });

        Assert.Equal([1, 2, 3], history.Epochs.Select(e => e.Epoch));
        foreach (EpochMetrics epoch in history.Epochs)
        {
            Assert.Equal(16, epoch.Steps);
            Assert.InRange(epoch.Accuracy!.Value, 0, 1);
            Assert.InRange(epoch.ValidationAccuracy!.Value, 0, 1);
            Assert.True(epoch.ValidationLoss > 0);
            Assert.Equal(0.05f, epoch.LearningRate);
            Assert.True(epoch.Seconds > 0);
            Assert.True(epoch.ImagesPerSecond > 0);
        }
        Assert.True(history.Epochs[2].Loss < history.Epochs[0].Loss);
        Assert.True(history.Epochs[2].ValidationAccuracy > 0.6, $"validation accuracy {history.Epochs[2].ValidationAccuracy}");
        Assert.Equal(history.Epochs[2].ValidationAccuracy!.Value, Evaluation.Accuracy(network, FashionSubset.Test));
        Assert.Null(history.BestEpoch);
        Assert.False(history.StoppedEarly);
    }

    [Fact]
    public void SameSeedAndOneThreadGiveBitwiseIdenticalRuns()
    {
        // BatchNorm, dropout, augmentation, a schedule and a validation split: every source of randomness at once.
        static (TinyBatchNormNet Network, TrainingHistory History) Run(ulong seed)
        {
            var network = new TinyBatchNormNet(seed: 5);
            TrainingHistory history = Trainer.Fit(network, Runs.Train, Runs.Options(new AdamW(0.01f), epochs: 3) with
            {
                Validation = null,
                ValidationSplit = 0.25,
                Augmentation = new Compose(new RandomHorizontalFlip(), new RandomCrop(1)),
                Schedule = new StepLR(0.01f, stepSize: 5, gamma: 0.5),
                Seed = seed,
            });
            return (network, history);
        }
        var first = Run(42);
        var second = Run(42);
        var otherSeed = Run(43);

        Bits.EqualWeights(first.Network, second.Network);
        Assert.Equal(Runs.Deterministic(first.History), Runs.Deterministic(second.History));
        Assert.NotEqual(Bits.Of(first.Network.Parameters), Bits.Of(otherSeed.Network.Parameters));
    }

    [Fact]
    public void ScheduleSetsTheRateOfEveryStep()
    {
        var optimizer = new Sgd(1f);
        // 96 samples in batches of 16: 6 steps per epoch; the rate halves every 4 steps.
        TrainingHistory history = Trainer.Fit(new TinyNet(seed: 1), Runs.Train, Runs.Options(optimizer, epochs: 3) with
        {
            Schedule = new StepLR(0.1f, stepSize: 4, gamma: 0.5),
        });

        // The last steps of the epochs are steps 5, 11 and 17 (zero-based): 0.1·0.5^1, 0.1·0.5^2, 0.1·0.5^4.
        Assert.Equal([0.05f, 0.025f, 0.00625f], history.Epochs.Select(e => (float)e.LearningRate));
        Assert.Equal(18, optimizer.StepCount);
    }

    [Fact]
    public void NonFiniteLossNamesEpochAndStep()
    {
        // 6 steps per epoch; the optimizer poisons the parameters at global step 8, so step 9 (epoch 2, step 3) has a NaN loss.
        var network = new TinyNet(seed: 1);
        var error = Assert.Throws<TrainingStepException>(() =>
            Trainer.Fit(network, Runs.Train, Runs.Options(new PoisoningOptimizer(poisonAtStep: 8), epochs: 3)));

        Assert.Equal(2, error.Epoch);
        Assert.Equal(3, error.Step);
        Assert.Equal(9, error.GlobalStep);
        Assert.StartsWith("Training stopped in epoch 2, step 3 of 6 (global step 9):", error.Message);
        Assert.Contains("NaN", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void ValidationSplitHoldsOutASeededShareOfTheTrainingData()
    {
        TrainingHistory history = Trainer.Fit(new TinyNet(seed: 1), Runs.Train, Runs.Options(new Sgd(0.1f), epochs: 1) with
        {
            Validation = null,
            ValidationSplit = 0.25,
        });

        // 72 of 96 samples remain for training: 5 batches of 16 (the last holds 8).
        Assert.Equal(5, history.Epochs[0].Steps);
        Assert.NotNull(history.Epochs[0].ValidationLoss);
        Assert.NotNull(history.Epochs[0].ValidationAccuracy);
    }

    [Fact]
    public void WithoutValidationOrTrainingAccuracyThoseMetricsAreNull()
    {
        TrainingHistory history = Trainer.Fit(new TinyNet(seed: 1), Runs.Train, Runs.Options(new Sgd(0.1f), epochs: 1) with
        {
            Validation = null,
            TrainingAccuracy = false,
        });

        Assert.Null(history.Epochs[0].Accuracy);
        Assert.Null(history.Epochs[0].ValidationLoss);
        Assert.Null(history.Epochs[0].ValidationAccuracy);
    }

    [Fact]
    public void InvalidOptionsAreRejectedBeforeTraining()
    {
        var network = new TinyNet(seed: 1);
        var before = Bits.Snapshot(network);
        TrainingOptions options = Runs.Options(new Sgd(0.1f), epochs: 1);

        var noValidation = Assert.Throws<ArgumentException>(() =>
            Trainer.Fit(network, Runs.Train, options with { Validation = null, EarlyStopping = new EarlyStopping() }));
        var both = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, Runs.Train, options with { ValidationSplit = 0.5 }));
        var shape = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, FashionSubset.Test, options with { Validation = null }));
        var labels = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, new Dataset(new float[64], [7], 1, 8, 8), options));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(network, Runs.Train, options with { Epochs = 0 }));

        Assert.Contains("validation metric", noValidation.Message);
        Assert.Contains("not both", both.Message);
        Assert.Contains("takes samples of 1×8×8 (64 floats); the training data's are 1×28×28 (784 floats)", shape.Message);
        Assert.Contains("Label 7", labels.Message);
        Bits.Unchanged(before, network);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TrainingAccuracyCountsEverySampleOnceWithAnyThreadCount(int threads)
    {
        // The stand-in classifies by the largest of a sample's first three values; count by hand what that gets right.
        var network = new CountingClassifier();
        int expected = 0;
        for (int n = 0; n < Runs.Train.Count; n++)
        {
            if (network.Classify(Runs.Train.Sample(n)) == Runs.Train.Label(n)) expected++;
        }

        TrainingHistory history = Trainer.Fit(network, Runs.Train, Runs.Options(new Sgd(0.1f), epochs: 2) with { Threads = threads, BatchSize = 10 });

        Assert.Equal(threads, network.Threads);
        Assert.All(history.Epochs, epoch => Assert.Equal((double)expected / Runs.Train.Count, epoch.Accuracy));
    }
}
