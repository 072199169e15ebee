using CnnCompiler.Samples.Architectures;
using CnnCompiler.Samples.Architectures.Training;

namespace CnnCompiler.Architectures.Tests;

/// <summary>Short, seeded training runs of the sample networks on their generated data.</summary>
internal static class StepTraining
{
    /// <summary>
    /// Trains a new network for <paramref name="steps"/> SGD steps (momentum 0.9) over the same <paramref name="batches"/>
    /// mini-batches of <paramref name="batchSize"/> generated samples, in turn, and returns the network and each step's loss.
    /// </summary>
    public static (IClassifier Network, float[] Losses) Steps(string name, int batchSize, int batches, int steps, float learningRate,
        int threads = 2, int seed = 7)
    {
        ArchitectureSample sample = ArchitectureCatalog.Select(name)[0];
        Dataset data = sample.Generate(batchSize * batches, (ulong)seed);
        IClassifier network = sample.Create(seed);
        network.Threads = threads;
        var optimizer = new Sgd(learningRate, TrainingRecipe.Momentum);
        var losses = new float[steps];
        int length = data.SampleLength;
        for (int step = 0; step < steps; step++)
        {
            int first = step % batches * batchSize;
            losses[step] = network.TrainStep(data.Samples.Slice(first * length, batchSize * length), data.Labels.Slice(first, batchSize), optimizer);
        }
        return (network, losses);
    }

    public static string Format(float[] values) => string.Join(", ", values.Select(v => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)));
}
