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
