namespace CnnCompiler.Samples.Architectures.Training;

/// <summary>One epoch of training: its steps, mean training loss, accuracy on the held-out set afterwards, and the seconds its training steps took (evaluation excluded).</summary>
public sealed record EpochResult(int Epoch, int Steps, double MeanLoss, double HeldOutAccuracy, double Seconds);
