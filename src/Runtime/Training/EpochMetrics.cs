namespace CnnCompiler;

/// <summary>What one epoch of <see cref="Trainer.Fit"/> measured.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Steps">Optimizer steps (mini-batches) in the epoch.</param>
/// <param name="Loss">Mean training loss over the epoch's samples (each batch's mean weighted by its size).</param>
/// <param name="Accuracy">
/// Training accuracy over the epoch's batches, each classified just before its step (with the weights the step starts
/// from, in inference mode); null when <see cref="TrainingOptions.TrainingAccuracy"/> is off.
/// </param>
/// <param name="ValidationLoss">Mean loss on the validation data after the epoch; null without validation data.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation data after the epoch; null without validation data.</param>
/// <param name="LearningRate">The learning rate of the epoch's last step.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch, validation included.</param>
/// <param name="ImagesPerSecond">Training samples per second of the training part of the epoch.</param>
public sealed record EpochMetrics(
    int Epoch,
    int Steps,
    double Loss,
    double? Accuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double LearningRate,
    double Seconds,
    double ImagesPerSecond);
