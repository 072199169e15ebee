using System.Globalization;
using StbImageWriteSharp;

namespace CnnCompiler.Samples.TransferLearning;

/// <summary>
/// <c>--images DIR</c>: fine-tunes the backbone pretrained on Fashion-MNIST classes 0–4 on a folder of your own images
/// (<c>DIR/&lt;class&gt;/*.png|jpg|jpeg|bmp</c>, up to 10 classes): resize (shorter side 32) and random 28×28 crop,
/// RandomResizedCrop and horizontal flips, a stratified 20% validation split, conv1 and conv2 frozen, a TensorBoard log;
/// then a confusion matrix per class and predictions for the files of <c>--predict DIR</c>.
/// <c>--export-fashion DIR</c> writes a folder to try it on: Fashion-MNIST test images of classes 5–9 as PNG and JPEG.
/// </summary>
internal static class ImageFolderFineTuning
{
    public static void Run(Options options, string imagesDirectory)
    {
        string pretrainedPath = Path.Combine(options.OutputDirectory, "pretrained_classes_0_4.safetensors");
        if (!File.Exists(pretrainedPath)) Pretrain(options, pretrainedPath);
        var net = new FolderNet(options.Seed) { Threads = options.Threads };
        net.LoadWeights(pretrainedPath, new LoadOptions { Strict = false, AllowMissing = ["folder_head"] });
        net.SetFrozen("conv1");
        net.SetFrozen("conv2");

        var imageOptions = ImageFolderOptions.For(net) with { ResizeShorterSide = 32, Crop = ImageCrop.Random, SkipBadFiles = options.SkipBadFiles };
        var folder = new ImageFolderDataset(imagesDirectory, imageOptions);
        if (folder.ClassCount > FolderNet.OutputLength)
            throw new ArgumentException($"{imagesDirectory} has {folder.ClassCount} classes; FolderNet's head has {FolderNet.OutputLength} outputs.");
        int[] perClass = folder.CountPerClass();
        Console.WriteLine($"{imagesDirectory}: {folder.Count:N0} images in {folder.ClassCount} classes: " +
            string.Join(", ", folder.ClassNames.Select((name, c) => $"{name} {perClass[c]}")));
        foreach (SkippedFile skipped in folder.Skipped) Console.WriteLine($"   skipped: {skipped.Reason}");

        var (train, held) = folder.Split(0.2, (ulong)options.Seed);
        ImageFolderOptions validationOptions = imageOptions with { Crop = ImageCrop.Center };
        Dataset validation = held.WithOptions(validationOptions).Load();
        string tensorBoard = Path.Combine(options.OutputDirectory, "tensorboard");
        Console.WriteLine($"Fine-tuning on {train.Count:N0} images ({validation.Count:N0} held out for validation), {options.FineTuneEpochs} epochs, conv1+conv2 frozen; TensorBoard log in {tensorBoard}");
        Trainer.Fit(net, train, new TrainingOptions
        {
            Epochs = options.FineTuneEpochs, BatchSize = 32, Optimizer = new Sgd(0.02f, momentum: 0.9f), Seed = (ulong)options.Seed,
            Augmentation = new Compose(new RandomResizedCrop(0.6, 1.0), new RandomHorizontalFlip()),
            Validation = validation, Progress = TrainingProgress.Lines, TrainingAccuracy = false, TensorBoardDirectory = tensorBoard,
        });
        string weights = Path.Combine(options.OutputDirectory, "folder_finetuned.safetensors");
        net.SaveWeights(weights);
        Console.WriteLine($"Saved {weights}");

        PrintConfusionMatrix(net, validation, folder.ClassNames);
        if (options.PredictDirectory is { } predict) PrintPredictions(net, predict, validationOptions, folder.ClassNames);
    }

    private static void Pretrain(Options options, string path)
    {
        var (train, _, source) = FashionMnist.Load(options.DataDirectory);
        Console.WriteLine($"Pretraining the backbone on Fashion-MNIST classes 0–4 ({source}), {options.PretrainEpochs} epoch(s)");
        var pretrained = new PretrainNet(options.Seed) { Threads = options.Threads };
        Trainer.Fit(pretrained, ClassSubsets.Classes(train, 0, 5), new TrainingOptions
        {
            Epochs = options.PretrainEpochs, BatchSize = 64, Optimizer = new Sgd(0.05f, momentum: 0.9f),
            Seed = (ulong)options.Seed, Progress = TrainingProgress.Lines, TrainingAccuracy = false,
        });
        Directory.CreateDirectory(options.OutputDirectory);
        pretrained.SaveWeights(path);
    }

    private static void PrintConfusionMatrix(FolderNet net, Dataset validation, IReadOnlyList<string> classes)
    {
        var predictions = new int[validation.Count];
        net.Classify(validation.Samples, predictions);
        int k = classes.Count;
        var matrix = new int[k, k + 1]; // the last column: an output beyond the folder's classes
        for (int i = 0; i < validation.Count; i++) matrix[validation.Label(i), Math.Min(predictions[i], k)]++;
        int width = Math.Max(8, classes.Max(c => c.Length) + 1);
        Console.WriteLine();
        Console.WriteLine("Validation confusion matrix (rows: true class, columns: predicted):");
        Console.WriteLine(new string(' ', width) + string.Concat(classes.Select(c => c.PadLeft(width))) + "other".PadLeft(width) + "  recall");
        int correct = 0;
        for (int t = 0; t < k; t++)
        {
            int row = 0;
            for (int p = 0; p <= k; p++) row += matrix[t, p];
            correct += matrix[t, t];
            Console.Write(classes[t].PadRight(width));
            for (int p = 0; p <= k; p++) Console.Write(matrix[t, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            Console.WriteLine(row == 0 ? "       –" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * matrix[t, t] / row,7:F1}%"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Validation accuracy: {100.0 * correct / validation.Count:F2}% ({correct} of {validation.Count})"));
    }

    private static void PrintPredictions(FolderNet net, string directory, ImageFolderOptions options, IReadOnlyList<string> classes)
    {
        Console.WriteLine();
        Console.WriteLine($"Predictions for {directory}:");
        var sample = new float[FolderNet.InputLength];
        var probabilities = new float[FolderNet.OutputLength];
        foreach (string file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            try
            {
                ImageFolderDataset.LoadImage(file, options, sample);
            }
            catch (InvalidDataException e)
            {
                Console.WriteLine($"   {Path.GetFileName(file)}: not read ({e.Message})");
                continue;
            }
            net.Predict(sample, probabilities);
            int best = probabilities.AsSpan().IndexOf(probabilities.Max());
            string name = best < classes.Count ? classes[best] : $"output {best} (no class)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {Path.GetFileName(file)}: {name} ({probabilities[best]:P1})"));
        }
    }

    /// <summary>Writes Fashion-MNIST test images of classes 5–9 as DIR/&lt;class&gt;/NNNN.png|jpg (alternating), and 10 more into DIR-new/.</summary>
    public static void ExportFashion(Options options, string directory)
    {
        string[] names = ["sandal", "shirt", "sneaker", "bag", "ankle_boot"];
        var (_, test, source) = FashionMnist.Load(options.DataDirectory);
        var writer = new ImageWriter();
        int[] written = new int[5];
        string fresh = directory.TrimEnd('/', '\\') + "-new";
        Directory.CreateDirectory(fresh);
        var pixels = new byte[28 * 28];
        int extra = 0;
        for (int i = 0; i < test.Count; i++)
        {
            int label = test.Label(i) - 5;
            if (label < 0) continue;
            ReadOnlySpan<float> sample = test.Sample(i);
            for (int p = 0; p < pixels.Length; p++) pixels[p] = (byte)Math.Round(sample[p] * 255);
            string path;
            if (written[label] < options.Labelled / 5) path = Path.Combine(directory, names[label], $"{written[label]++:D4}{(written[label] % 2 == 0 ? ".png" : ".jpg")}");
            else if (extra < 10 && written[label] == options.Labelled / 5 && i % 7 == 0) path = Path.Combine(fresh, $"{extra++:D2}_{names[label]}.png");
            else continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var stream = File.Create(path);
            if (path.EndsWith(".png", StringComparison.Ordinal)) writer.WritePng(pixels, 28, 28, ColorComponents.Grey, stream);
            else writer.WriteJpg(pixels, 28, 28, ColorComponents.Grey, stream, 90);
        }
        Console.WriteLine($"Wrote {written.Sum():N0} images of Fashion-MNIST ({source}) classes 5–9 into {directory}, and {extra} into {fresh}");
    }
}
