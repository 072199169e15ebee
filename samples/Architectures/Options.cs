using System.Globalization;

namespace CnnCompiler.Samples.Architectures;

/// <summary>
/// Command line: <c>[name|all] [--steps N] [--epochs N] [--threads N] [--seed N] [--lr X]</c>. Steps, epochs and the
/// learning rate, when given, replace every selected network's defaults.
/// </summary>
internal sealed record Options(string Selection, int? Steps, int? Epochs, int Threads, int Seed, float? LearningRate = null)
{
    public const string Usage = "usage: [signalnet|clipnet|multispectralnet|resnet20|vggsmall|alexnetsmall|all] [--steps N] [--epochs N] [--threads N] [--seed N] [--lr X]";

    public static Options Parse(string[] args)
    {
        var options = new Options("all", null, null, Environment.ProcessorCount, 42);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options = options with { Selection = args[i] };
                continue;
            }
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value. {Usage}");
            options = args[i] switch
            {
                "--steps" => options with { Steps = PositiveInt(args[i], value) },
                "--epochs" => options with { Epochs = PositiveInt(args[i], value) },
                "--threads" => options with { Threads = PositiveInt(args[i], value) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--lr" => options with { LearningRate = PositiveFloat(args[i], value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
            i++;
        }
        return options;
    }

    private static float PositiveFloat(string option, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float number) && number > 0 && float.IsFinite(number)
            ? number
            : throw new ArgumentException($"Option {option} takes a positive number, not '{value}'.");

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"Option {option} takes a positive integer, not '{value}'.");
}
