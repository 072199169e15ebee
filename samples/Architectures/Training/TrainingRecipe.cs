namespace CnnCompiler.Samples.Architectures.Training;

/// <summary>
/// How one sample trains: generated training and held-out set sizes, batch size, epochs, optimization steps per epoch
/// (by default one pass over the training set) and the SGD learning rate (momentum 0.9).
/// </summary>
public sealed record TrainingRecipe(int TrainCount, int TestCount, int BatchSize, int Epochs, int StepsPerEpoch, float LearningRate)
{
    public const float Momentum = 0.9f;

    /// <summary>A recipe whose epochs are one pass over <paramref name="trainCount"/> samples.</summary>
    public static TrainingRecipe OnePassPerEpoch(int trainCount, int testCount, int batchSize, int epochs, float learningRate) =>
        new(trainCount, testCount, batchSize, epochs, trainCount / batchSize, learningRate);
}
