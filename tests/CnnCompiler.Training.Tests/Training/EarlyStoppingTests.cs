namespace CnnCompiler.Training.Tests.Training;

/// <summary>
/// Early stopping on data with random labels: the network can only memorize the training set, so the validation loss
/// soon rises and training stops; the best epoch's weights come back.
/// </summary>
public sealed class EarlyStoppingTests
{
    private static readonly Dataset NoiseTrain = SyntheticData.Noise(96, seed: 21);
    private static readonly Dataset NoiseValidation = SyntheticData.Noise(48, seed: 22);

    private static (TinyNet Network, TrainingHistory History, List<float[]> Weights) Run(EarlyStopping earlyStopping)
    {
        var network = new TinyNet(seed: 4);
        var weights = new List<float[]>();
        TrainingHistory history = Trainer.Fit(network, NoiseTrain, Runs.Options(new AdamW(0.05f), epochs: 40) with
        {
            Validation = NoiseValidation,
            EarlyStopping = earlyStopping,
            EpochCompleted = _ => weights.Add(network.Parameters.ToArray()),
        });
        return (network, history, weights);
    }

    [Fact]
    public void StopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights()
    {
        var (network, history, weights) = Run(new EarlyStopping { Metric = EarlyStoppingMetric.ValidationLoss, Patience = 2 });

        double[] losses = history.Epochs.Select(e => e.ValidationLoss!.Value).ToArray();
        int best = Array.IndexOf(losses, losses.Min()) + 1;
        Assert.True(history.StoppedEarly);
        Assert.Equal(best, history.BestEpoch);
        Assert.Equal(best + 2, history.Epochs.Count);
        Assert.True(losses.Skip(best).All(loss => loss >= losses[best - 1]), string.Join(", ", losses));
        Assert.True(history.RestoredBestWeights);
        Bits.Equal(weights[best - 1], network.Parameters);
        Assert.Equal(losses[best - 1], Evaluation.MeanLoss(network, NoiseValidation));
    }

    [Fact]
    public void AccuracyWithMinDeltaAndWithoutRestoringKeepsTheLastWeights()
    {
        const double minDelta = 0.01;
        var (network, history, weights) = Run(new EarlyStopping
        {
            Metric = EarlyStoppingMetric.ValidationAccuracy,
            Patience = 3,
            MinDelta = minDelta,
            RestoreBestWeights = false,
        });

        // Keras's rule, by hand: an epoch improves when it beats the best by more than minDelta.
        double best = double.NegativeInfinity;
        int bestEpoch = 0, wait = 0, stoppedAt = 0;
        foreach (EpochMetrics epoch in history.Epochs)
        {
            if (epoch.ValidationAccuracy > best + minDelta) (best, bestEpoch, wait) = (epoch.ValidationAccuracy!.Value, epoch.Epoch, 0);
            else if (++wait >= 3) stoppedAt = epoch.Epoch;
        }
        Assert.Equal(bestEpoch, history.BestEpoch);
        Assert.Equal(history.Epochs.Count, stoppedAt);
        Assert.True(history.StoppedEarly);
        Assert.False(history.RestoredBestWeights);
        Bits.Equal(weights[^1], network.Parameters);
    }
}
