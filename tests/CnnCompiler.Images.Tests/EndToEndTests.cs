using Xunit.Abstractions;

namespace CnnCompiler.Images.Tests;

public class EndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public void Trains_on_a_folder_of_generated_PNG_and_JPEG_images()
    {
        using var folder = new ImageFolderBuilder().AddClasses(30, seed: 2);
        string logs = Path.Combine(folder.Root, "..", Path.GetFileName(folder.Root) + "-logs");
        try
        {
            var net = new RgbNet(5) { Threads = 2 };
            var data = new ImageFolderDataset(folder.Root, ImageFolderOptions.For(net) with
            {
                ResizeShorterSide = 18, Crop = ImageCrop.Random, Mean = [0.5f, 0.5f, 0.5f], Std = [0.25f, 0.25f, 0.25f], Workers = 2,
            });
            Assert.Equal(ImageFolderBuilder.Classes, data.ClassNames);
            var history = Trainer.Fit(net, data, new TrainingOptions
            {
                Epochs = 12, BatchSize = 16, Optimizer = new Adam(0.01f), Seed = 3,
                Augmentation = new Compose(new RandomResizedCrop(0.6, 1.0), new RandomHorizontalFlip()),
                ValidationSplit = 0.2, Progress = TrainingProgress.None, TensorBoardDirectory = logs,
            });
            // 90 images, 18 (6 per class) held out, center-cropped.
            Assert.Equal(5, history.Epochs[0].Steps); // 72 training images in batches of 16
            foreach (EpochMetrics m in history.Epochs) output.WriteLine($"epoch {m.Epoch}: loss {m.Loss:F3}, val_accuracy {m.ValidationAccuracy:P1}");
            double first = history.Epochs[0].Loss, last = history.Epochs[^1].Loss;
            Assert.True(last < first * 0.6, $"training loss {first:F3} → {last:F3}");
            Assert.True(history.Epochs[^1].ValidationAccuracy >= 0.8, $"validation accuracy {history.Epochs[^1].ValidationAccuracy:P1}");

            // Predictions on new files, decoded with the validation pipeline.
            using var fresh = new ImageFolderBuilder().AddClasses(4, seed: 9);
            var test = new ImageFolderDataset(fresh.Root, data.Options with { Crop = ImageCrop.Center });
            Dataset testSet = test.Load();
            output.WriteLine($"new files: {Evaluation.Accuracy(net, testSet):P1}");
            Assert.True(Evaluation.Accuracy(net, testSet) >= 0.75, $"accuracy on new files {Evaluation.Accuracy(net, testSet):P1}");

            var events = TensorBoardTests.ReadEvents(Assert.Single(Directory.GetFiles(logs)));
            Assert.Equal(12, events.Count(e => e.Summary?.Value.Any(v => v.Tag == "epoch/val_accuracy") == true));
            Assert.Equal(60, events.Count(e => e.Summary?.Value.Any(v => v.Tag == "step/loss") == true));
        }
        finally
        {
            if (Directory.Exists(logs)) Directory.Delete(logs, true);
        }
    }
}
