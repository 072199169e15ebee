using System.Globalization;

namespace CnnCompiler.Samples.LeNet;

/// <summary>Command-line options of the sample: --epochs N, --data DIR, --seed N, --threads N, --batch N, --lr X, --output DIR.</summary>
internal sealed record SampleOptions(int Epochs, string? DataDirectory, int Seed, int Threads, int BatchSize, float LearningRate, string OutputDirectory)
{
    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions(Epochs: 3, DataDirectory: null, Seed: 42, Threads: Environment.ProcessorCount, BatchSize: 64, LearningRate: 0.05f, OutputDirectory: "output/lenet");
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            options = args[i] switch
            {
                "--epochs" => options with { Epochs = PositiveInt(args[i], value) },
                "--data" => options with { DataDirectory = value },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = PositiveInt(args[i], value) },
                "--batch" => options with { BatchSize = PositiveInt(args[i], value) },
                "--lr" => options with { LearningRate = float.Parse(value, CultureInfo.InvariantCulture) },
                "--output" => options with { OutputDirectory = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; the options are --epochs N, --data DIR, --seed N, --threads N, --batch N, --lr X, --output DIR."),
            };
            i++;
        }
        return options;
    }

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"Option {option} takes a positive integer, not '{value}'.");
}
