namespace CnnCompiler;

/// <summary>
/// Where a <see cref="Trainer.Fit"/> run stands after an epoch, beyond the network and optimizer that
/// <see cref="Checkpoint"/> saves alongside: enough to continue the run exactly.
/// </summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="GlobalStep">Training steps completed over all epochs.</param>
/// <param name="ShuffleRandom">The <see cref="SeededRandom.State"/> of the generator that shuffles each epoch's batches.</param>
/// <param name="AugmentationRandom">The <see cref="SeededRandom.State"/> of the generator behind augmentation.</param>
/// <param name="History">The metrics of the epochs completed.</param>
/// <param name="EarlyStopping">Early stopping's state, when the run uses it.</param>
public sealed record TrainingCheckpoint(
    int Epoch,
    long GlobalStep,
    (ulong, ulong, ulong, ulong) ShuffleRandom,
    (ulong, ulong, ulong, ulong) AugmentationRandom,
    TrainingHistory History,
    EarlyStoppingState? EarlyStopping);
