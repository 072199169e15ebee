namespace CnnCompiler;

/// <summary>
/// A training step failed inside <see cref="Trainer.Fit"/> (most often a NaN or infinite loss, which the network
/// refuses before updating its parameters); says where, and keeps the network's own exception as the inner one.
/// </summary>
public sealed class TrainingStepException : InvalidOperationException
{
    public TrainingStepException(int epoch, int step, int stepsPerEpoch, long globalStep, Exception inner)
        : base($"Training stopped in epoch {epoch}, step {step} of {stepsPerEpoch} (global step {globalStep}): {inner.Message}", inner)
    {
        Epoch = epoch;
        Step = step;
        GlobalStep = globalStep;
    }

    /// <summary>The epoch of the failed step, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The failed step within its epoch, from 1.</summary>
    public int Step { get; }

    /// <summary>The failed step counted over the whole training, from 1.</summary>
    public long GlobalStep { get; }
}
