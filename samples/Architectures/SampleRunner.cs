using System.Diagnostics;
using CnnCompiler.Samples.Architectures.Training;

namespace CnnCompiler.Samples.Architectures;

/// <summary>Runs one sample: generates its data, prints its summary and recipe, trains and reports each epoch.</summary>
internal static class SampleRunner
{
    public static void Run(ArchitectureSample sample, Options options)
    {
        TrainingRecipe recipe = sample.Recipe with
        {
            StepsPerEpoch = options.Steps ?? sample.Recipe.StepsPerEpoch,
            Epochs = options.Epochs ?? sample.Recipe.Epochs,
            LearningRate = options.LearningRate ?? sample.Recipe.LearningRate,
        };
        ulong seed = (ulong)options.Seed;
        var clock = Stopwatch.StartNew();
        Dataset train = sample.Generate(recipe.TrainCount, seed);
        Dataset heldOut = sample.Generate(recipe.TestCount, ArchitectureCatalog.HeldOutSeed(seed));
        IClassifier network = sample.Create(options.Seed);
        network.Threads = options.Threads;

        Console.WriteLine(new string('=', 70));
        Console.WriteLine($"{sample.Name}: {sample.Task}");
        Console.WriteLine(sample.Summary());
        Console.WriteLine($"Parameters: {network.ParameterCount:N0}");
        Console.WriteLine($"Data: {train.Count:N0} training and {heldOut.Count:N0} held-out samples of {string.Join("×", train.SampleShape.ToArray())} " +
                          $"(generated in {clock.Elapsed.TotalSeconds:F2} s)");
        Console.WriteLine($"Recipe: {recipe.Epochs} epoch(s) of {recipe.StepsPerEpoch} steps, batch {recipe.BatchSize}, " +
                          $"SGD lr {recipe.LearningRate} momentum {TrainingRecipe.Momentum}, seed {options.Seed}, {options.Threads} thread(s)");
        Console.WriteLine($"Before training: held-out accuracy {Evaluation.Accuracy(network, heldOut):P1} " +
                          $"(chance {1.0 / network.OutputLength:P0})");
        SampleTrainer.Train(network, train, heldOut, recipe, seed, result =>
            Console.WriteLine($"epoch {result.Epoch}: loss {result.MeanLoss:F4}, held-out accuracy {result.HeldOutAccuracy:P1}, " +
                              $"{result.Seconds:F1} s ({result.Steps * recipe.BatchSize / result.Seconds:N0} samples/s)"));
        Console.WriteLine();
    }
}
