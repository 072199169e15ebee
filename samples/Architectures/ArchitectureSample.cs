using CnnCompiler.Samples.Architectures.Training;

namespace CnnCompiler.Samples.Architectures;

/// <summary>One network of the sample with the data it learns and its default recipe.</summary>
/// <param name="Name">The command-line name (lower case).</param>
/// <param name="Task">What the data is, in a few words.</param>
/// <param name="Summary">The generated Keras-style layer table.</param>
/// <param name="Create">A new network from a seed.</param>
/// <param name="Generate">A data set of the given size from a seed.</param>
/// <param name="Recipe">Default training set sizes, batch, epochs, steps and learning rate.</param>
public sealed record ArchitectureSample(
    string Name,
    string Task,
    Func<string> Summary,
    Func<int, IClassifier> Create,
    Func<int, ulong, Dataset> Generate,
    TrainingRecipe Recipe);
