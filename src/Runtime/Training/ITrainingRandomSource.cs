namespace CnnCompiler;

/// <summary>
/// A network whose training steps draw random numbers (dropout masks) from a generator of its own, which checkpoints
/// must save for a resumed run to repeat exactly. Generated networks have the <c>TrainingRandom</c> property already:
/// declaring the interface on the partial class (<c>public partial class Net : ITrainingRandomSource;</c>) is enough.
/// </summary>
public interface ITrainingRandomSource
{
    /// <summary>The generator behind the network's training-time randomness.</summary>
    SeededRandom TrainingRandom { get; }
}
