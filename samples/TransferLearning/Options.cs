using System.Globalization;

namespace CnnCompiler.Samples.TransferLearning;

/// <summary>
/// Command-line options: --data DIR, --seed N (42), --threads N (all cores), --labelled N (300 images of classes 5–9),
/// --pretrain-epochs N (2), --finetune-epochs N (40), --out DIR (where the pretrained weights go; the current folder),
/// --freeze LAYERS (the pretrained layers kept frozen while fine-tuning; by default two runs: conv1,conv2,dense1,dense2
/// (only the new head trains) and conv1,conv2 (the dense layers fine-tune from their pretrained values too)).
/// </summary>
internal sealed record Options(string? DataDirectory, int Seed, int Threads, int Labelled, int PretrainEpochs, int FineTuneEpochs, string OutputDirectory, string[]? Frozen)
{
    /// <summary>--images DIR: fine-tune on a folder of images (ImageFolderFineTuning).</summary>
    public string? ImagesDirectory { get; init; }

    /// <summary>--predict DIR: image files to classify after fine-tuning on --images.</summary>
    public string? PredictDirectory { get; init; }

    /// <summary>--export-fashion DIR: write a demo folder (Fashion-MNIST classes 5–9 as PNG/JPEG) and stop.</summary>
    public string? ExportDirectory { get; init; }

    /// <summary>--skip-bad: leave bad files out of --images (listed) instead of stopping at the first.</summary>
    public bool SkipBadFiles { get; init; }

    public static Options Parse(string[] args)
    {
        var options = new Options(null, 42, Environment.ProcessorCount, 300, 2, 40, ".", null);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--skip-bad")
            {
                options = options with { SkipBadFiles = true };
                continue;
            }
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            options = args[i] switch
            {
                "--data" => options with { DataDirectory = value },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = Positive(args[i], value) },
                "--labelled" => options with { Labelled = Positive(args[i], value) },
                "--pretrain-epochs" => options with { PretrainEpochs = Positive(args[i], value) },
                "--finetune-epochs" => options with { FineTuneEpochs = Positive(args[i], value) },
                "--out" => options with { OutputDirectory = value },
                "--images" => options with { ImagesDirectory = value },
                "--predict" => options with { PredictDirectory = value },
                "--export-fashion" => options with { ExportDirectory = value },
                "--freeze" => options with { Frozen = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; the options are --data DIR, --seed N, --threads N, --labelled N, --pretrain-epochs N, --finetune-epochs N, --out DIR, --freeze LAYER,LAYER,…, --images DIR, --predict DIR, --skip-bad, --export-fashion DIR."),
            };
            i++;
        }
        return options;
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"Option {option} takes a positive integer, not '{value}'.");
}
