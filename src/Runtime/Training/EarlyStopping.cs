namespace CnnCompiler;

/// <summary>The validation metric that <see cref="EarlyStopping"/> watches.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>Mean validation loss; lower is better.</summary>
    ValidationLoss,

    /// <summary>Validation accuracy; higher is better.</summary>
    ValidationAccuracy,
}

/// <summary>
/// Stops training once a validation metric has not improved for <see cref="Patience"/> epochs, as Keras's
/// <c>EarlyStopping</c> callback does. Needs validation data (<see cref="TrainingOptions.Validation"/> or
/// <see cref="TrainingOptions.ValidationSplit"/>).
/// </summary>
public sealed record EarlyStopping
{
    /// <summary>The metric watched.</summary>
    public EarlyStoppingMetric Metric { get; init; } = EarlyStoppingMetric.ValidationLoss;

    /// <summary>Epochs without improvement after which training stops; 0 stops at the first epoch that does not improve.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>The smallest change that counts as an improvement (≥ 0).</summary>
    public double MinDelta { get; init; }

    /// <summary>
    /// Whether the network ends with the weights (parameters and BatchNorm state) of its best epoch rather than its
    /// last, whether training stopped early or ran all its epochs.
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;
}
