namespace CnnCompiler;

/// <summary>What <see cref="Trainer.Fit"/> does: epochs, batches, optimizer, and the optional parts around them.</summary>
public sealed record TrainingOptions
{
    /// <summary>The epoch to train up to: a run resumed after epoch 2 with 4 epochs trains epochs 3 and 4.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per mini-batch; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Updates the parameters; its state (step count, buffers) is saved in checkpoints.</summary>
    public required IOptimizer Optimizer { get; init; }

    /// <summary>Sets the optimizer's learning rate before every step, from its step count; none keeps the optimizer's rate.</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>Transforms every training batch in place before its step (never the validation data).</summary>
    public IAugmentation? Augmentation { get; init; }

    /// <summary>Data evaluated after every epoch (val_loss, val_accuracy). Exclusive with <see cref="ValidationSplit"/>.</summary>
    public Dataset? Validation { get; init; }

    /// <summary>
    /// A fraction of the training data (0 &lt; f &lt; 1) held out for validation by a seeded shuffle (see
    /// <see cref="Dataset.Split"/>); 0, the default, holds nothing out.
    /// </summary>
    public double ValidationSplit { get; init; }

    /// <summary>Stops when a validation metric stops improving; needs validation data.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Where checkpoints go (created if needed): <c>checkpoint-epoch-0004.safetensors</c> and so on. Temporary files of
    /// checkpoint writes that a killed run left there are deleted when <see cref="Trainer.Fit"/> starts.
    /// </summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>A checkpoint after every this many epochs (with <see cref="CheckpointDirectory"/>).</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>
    /// A checkpoint to continue from: restores the network, the optimizer, the epoch, the random generators and the
    /// history, so that with the same options and seed the run continues exactly as if it had not stopped.
    /// </summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Seeds the validation split, the shuffles and the augmentation. The network's own seed fixes its initialization and dropout.</summary>
    public ulong Seed { get; init; }

    /// <summary>How progress is reported.</summary>
    public TrainingProgress Progress { get; init; } = TrainingProgress.Auto;

    /// <summary>Where progress goes; the console when null.</summary>
    public TextWriter? ProgressWriter { get; init; }

    /// <summary>Sets the network's <see cref="INetwork.Threads"/> before training (it stays set); null keeps the network's setting.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Whether to measure training accuracy, by classifying each batch just before its step. This costs one extra
    /// forward pass per step (spread over <see cref="INetwork.Threads"/>); turn it off for speed.
    /// </summary>
    public bool TrainingAccuracy { get; init; } = true;

    /// <summary>
    /// A folder for TensorBoard event files (created if needed; each run adds a file): loss and learning rate per step,
    /// the epoch's metrics, the first convolution's filters and feature maps as images, and a histogram of every tensor
    /// per epoch (see <see cref="TensorBoardWriter"/>). View with <c>tensorboard --logdir DIR</c>.
    /// </summary>
    public string? TensorBoardDirectory { get; init; }

    /// <summary>Step scalars go to TensorBoard every this many global steps; 0 writes per-epoch values only.</summary>
    public int TensorBoardStepInterval { get; init; } = 1;

    /// <summary>Called after every epoch (after its checkpoint, if any) with that epoch's metrics.</summary>
    public Action<EpochMetrics>? EpochCompleted { get; init; }
}
