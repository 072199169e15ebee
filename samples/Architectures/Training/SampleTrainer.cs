using System.Diagnostics;

namespace CnnCompiler.Samples.Architectures.Training;

/// <summary>
/// Trains a classifier with SGD (momentum 0.9) on seeded, shuffled mini-batches and measures held-out accuracy after each
/// epoch. An epoch is <see cref="TrainingRecipe.StepsPerEpoch"/> steps; the batch loader reshuffles whenever it has served
/// the whole training set, so more steps than one pass simply continue into the next pass.
/// </summary>
public static class SampleTrainer
{
    public static IReadOnlyList<EpochResult> Train(IClassifier network, Dataset train, Dataset heldOut, TrainingRecipe recipe, ulong seed,
        Action<EpochResult>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(recipe);
        var optimizer = new Sgd(recipe.LearningRate, TrainingRecipe.Momentum);
        var batches = new MiniBatchLoader(train, recipe.BatchSize, seed, shuffle: true, dropLast: true);
        var results = new List<EpochResult>(recipe.Epochs);
        for (int epoch = 1; epoch <= recipe.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            for (int step = 0; step < recipe.StepsPerEpoch; step++)
            {
                if (!batches.TryGetNext(out MiniBatch batch) && !batches.TryGetNext(out batch))
                    throw new InvalidOperationException("The batch loader served no batch; the training set is smaller than one batch.");
                lossSum += network.TrainStep(batch.Inputs, batch.Labels, optimizer);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            double accuracy = Evaluation.Accuracy(network, heldOut);
            var result = new EpochResult(epoch, recipe.StepsPerEpoch, lossSum / recipe.StepsPerEpoch, accuracy, seconds);
            results.Add(result);
            onEpoch?.Invoke(result);
        }
        return results;
    }
}
