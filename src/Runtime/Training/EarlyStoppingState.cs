namespace CnnCompiler;

/// <summary>Where <see cref="EarlyStopping"/> stands, for checkpoints.</summary>
/// <param name="Best">The best value of the watched metric so far (±∞ before the first epoch).</param>
/// <param name="BestEpoch">The epoch that reached it; 0 before the first epoch.</param>
/// <param name="Wait">Epochs since the last improvement.</param>
/// <param name="BestParameters">The parameters after <paramref name="BestEpoch"/>, when best weights are restored at the end.</param>
/// <param name="BestState">The network state (BatchNorm statistics) after <paramref name="BestEpoch"/>, likewise.</param>
public sealed record EarlyStoppingState(double Best, int BestEpoch, int Wait, float[]? BestParameters, float[]? BestState);
