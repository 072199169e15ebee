namespace CnnCompiler;

/// <summary>
/// A checkpoint read and checked for one network and optimizer, not yet applied: <see cref="Trainer.Fit"/> checks its
/// own options against <see cref="State"/> before <see cref="Commit"/> changes anything.
/// </summary>
internal sealed class PendingCheckpoint(
    string source, WeightStaging weights, OptimizerState optimizerState, float learningRate,
    (ulong, ulong, ulong, ulong)? networkRandom, TrainingCheckpoint state)
{
    /// <summary>The run's state beyond the network and optimizer.</summary>
    public TrainingCheckpoint State { get; } = state;

    /// <summary>
    /// Gives the network and the optimizer the checkpoint's state. The optimizer goes first: its <see cref="IOptimizer.SetState"/>
    /// checks the buffers and changes nothing when it refuses them, and if its learning rate is then refused the state it
    /// had is put back, so a refusal here too leaves everything as it was.
    /// </summary>
    public void Commit(INetwork network, IOptimizer optimizer)
    {
        OptimizerState previous = optimizer.GetState();
        try
        {
            optimizer.SetState(optimizerState);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: the optimizer state does not fit the {optimizer.GetType().Name} given: {e.Message}", e);
        }
        try
        {
            optimizer.LearningRate = learningRate;
        }
        catch (ArgumentException e)
        {
            optimizer.SetState(previous);
            throw new InvalidDataException($"{source}: the {optimizer.GetType().Name} given refuses the learning rate {learningRate}: {e.Message}", e);
        }
        weights.Commit(network);
        if (networkRandom is { } random) network.TrainingRandom.State = random;
    }
}
