using CnnCompiler.Samples.Architectures.Data;
using CnnCompiler.Samples.Architectures.Training;

namespace CnnCompiler.Samples.Architectures;

/// <summary>
/// The six networks with their data and default recipes. The big image networks (ResNet-20, VGG-small, AlexNet-small)
/// train on few images by default so that the whole sample runs in about two minutes on two cores.
/// </summary>
public static class ArchitectureCatalog
{
    public static IReadOnlyList<ArchitectureSample> All { get; } =
    [
        new("signalnet", "sine / square / sawtooth / chirp waveforms, 1×256",
            SignalNet.Summary, seed => new SignalNet(seed), Waveforms.Generate,
            TrainingRecipe.OnePassPerEpoch(trainCount: 2048, testCount: 512, batchSize: 32, epochs: 3, learningRate: 0.02f)),
        new("clipnet", "a square moving left / right / up / down, 1×8×16×16 clips",
            ClipNet.Summary, seed => new ClipNet(seed), MovingSquareClips.Generate,
            TrainingRecipe.OnePassPerEpoch(trainCount: 1024, testCount: 512, batchSize: 32, epochs: 3, learningRate: 0.05f)),
        new("multispectralnet", "five land-cover classes in 7-band 32×32 tiles",
            MultispectralNet.Summary, seed => new MultispectralNet(seed), MultispectralTiles.Generate,
            TrainingRecipe.OnePassPerEpoch(trainCount: 512, testCount: 250, batchSize: 32, epochs: 3, learningRate: 0.02f)),
        new("resnet20", "ten classes of coloured shapes and gratings, 3×32×32",
            ResNet20.Summary, seed => new ResNet20(seed), (count, seed) => ShapeImages.Generate(count, 32, seed),
            TrainingRecipe.OnePassPerEpoch(trainCount: 512, testCount: 200, batchSize: 32, epochs: 2, learningRate: 0.05f)),
        new("vggsmall", "ten classes of coloured shapes and gratings, 3×32×32",
            VggSmall.Summary, seed => new VggSmall(seed), (count, seed) => ShapeImages.Generate(count, 32, seed),
            TrainingRecipe.OnePassPerEpoch(trainCount: 256, testCount: 200, batchSize: 32, epochs: 2, learningRate: 0.01f)),
        new("alexnetsmall", "ten classes of coloured shapes and gratings, 3×64×64",
            AlexNetSmall.Summary, seed => new AlexNetSmall(seed), (count, seed) => ShapeImages.Generate(count, 64, seed),
            TrainingRecipe.OnePassPerEpoch(trainCount: 1024, testCount: 200, batchSize: 32, epochs: 3, learningRate: 0.01f)),
    ];

    /// <summary>The sample named <paramref name="name"/> (case-insensitive), or every sample for "all".</summary>
    public static IReadOnlyList<ArchitectureSample> Select(string name)
    {
        if (string.Equals(name, "all", StringComparison.OrdinalIgnoreCase)) return All;
        foreach (ArchitectureSample sample in All)
            if (string.Equals(sample.Name, name, StringComparison.OrdinalIgnoreCase)) return [sample];
        throw new ArgumentException($"There is no network named '{name}'; choose one of {string.Join(", ", All.Select(s => s.Name))} or all.");
    }

    /// <summary>The held-out set is generated with a different seed from the training set.</summary>
    public static ulong HeldOutSeed(ulong seed) => seed ^ 0x5EED_0F_7E57UL;
}
