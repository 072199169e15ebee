namespace CnnCompiler.Training.Tests.Support;

/// <summary>Common training setups: synthetic bars with a held-out set, one thread, no console output.</summary>
internal static class Runs
{
    public static readonly Dataset Train = SyntheticData.Bars(96, seed: 11);
    public static readonly Dataset Validation = SyntheticData.Bars(48, seed: 12);

    public static TrainingOptions Options(IOptimizer optimizer, int epochs) => new()
    {
        Epochs = epochs,
        BatchSize = 16,
        Optimizer = optimizer,
        Validation = Validation,
        Seed = 42,
        Threads = 1,
        Progress = TrainingProgress.None,
    };

    /// <summary>Every metric of a history except the timings, which differ between runs.</summary>
    public static object[] Deterministic(TrainingHistory history) =>
        history.Epochs.Select(e => (object)(e.Epoch, e.Steps, e.Loss, e.Accuracy, e.ValidationLoss, e.ValidationAccuracy, e.LearningRate)).ToArray();
}
