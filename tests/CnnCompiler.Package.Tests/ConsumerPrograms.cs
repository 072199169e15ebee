namespace CnnCompiler.Package.Tests;

/// <summary>The Program.cs files the consumer project builds.</summary>
internal static class ConsumerPrograms
{
    /// <summary>A small network; prints its softmax output for one sample and the output's sum.</summary>
    public const string Valid = """
        using System.Globalization;
        using CnnCompiler;

        var net = new TinyNet(seed: 7);
        var input = new float[TinyNet.InputLength];
        for (int i = 0; i < input.Length; i++) input[i] = (i % 7) / 7f;
        var probabilities = new float[TinyNet.OutputLength];
        net.Predict(input, probabilities);
        Console.WriteLine("probabilities: " + string.Join(" ", probabilities.Select(p => p.ToString("R", CultureInfo.InvariantCulture))));

        [Network(1, 8, 8)]
        [Conv2D(4, 3, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Dense(5)]
        [SoftmaxCrossEntropy]
        public partial class TinyNet;
        """;

    /// <summary>
    /// Trains the small network for four epochs on synthetic bars (class k: a bright row k + 1) with a validation set,
    /// and draws the history's curves with Visualize.TrainingCurves from CnnCompiler.Visualization.
    /// </summary>
    public const string Curves = """
        using CnnCompiler;

        var random = new Random(5);
        Dataset Bars(int count)
        {
            var samples = new float[count * TinyNet.InputLength];
            var labels = new int[count];
            for (int i = 0; i < count; i++)
            {
                labels[i] = i % TinyNet.OutputLength;
                for (int p = 0; p < TinyNet.InputLength; p++) samples[i * TinyNet.InputLength + p] = (float)random.NextDouble() * 0.2f + (p / 8 == labels[i] + 1 ? 0.8f : 0f);
            }
            return new Dataset(samples, labels, 1, 8, 8);
        }

        var net = new TinyNet(seed: 7);
        TrainingHistory history = Trainer.Fit(net, Bars(200), new TrainingOptions
        {
            Epochs = 4, BatchSize = 16, Optimizer = new Sgd(0.05f, momentum: 0.9f), Validation = Bars(50), Seed = 3,
            Progress = TrainingProgress.None,
        });
        string path = Path.GetFullPath("curves.png");
        Visualize.TrainingCurves(path, history);
        Console.WriteLine($"epochs: {history.Epochs.Count}");
        Console.WriteLine($"curves: {path}");

        [Network(1, 8, 8)]
        [Conv2D(4, 3, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Dense(5)]
        [SoftmaxCrossEntropy]
        public partial class TinyNet;
        """;

    /// <summary>A 7×7 kernel on a 5×5 input: the generator must refuse it with CNN0007.</summary>
    public const string KernelLargerThanInput = """
        using CnnCompiler;

        Console.WriteLine("never built");

        [Network(1, 5, 5)]
        [Conv2D(2, 7)]
        [Dense(3)]
        [SoftmaxCrossEntropy]
        public partial class TooBig;
        """;
}
