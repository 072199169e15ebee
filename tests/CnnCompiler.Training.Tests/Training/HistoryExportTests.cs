using System.Globalization;
using System.Text.Json;

namespace CnnCompiler.Training.Tests.Training;

public sealed class HistoryExportTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static TrainingHistory TrainedHistory(bool validation = true) =>
        Trainer.Fit(new TinyNet(seed: 1), Runs.Train, Runs.Options(new Sgd(0.1f, momentum: 0.9f), epochs: 3) with
        {
            Validation = validation ? Runs.Validation : null,
            EarlyStopping = validation ? new EarlyStopping { Patience = 5 } : null,
        });

    [Fact]
    public void CsvHasAHeaderAndOneRoundTripRowPerEpoch()
    {
        TrainingHistory history = TrainedHistory();
        string path = _directory.File("history.csv");
        history.SaveCsv(path);

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(history.ToCsv(), File.ReadAllText(path));
        Assert.Equal("epoch,steps,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,images_per_second", lines[0]);
        Assert.Equal(4, lines.Length);
        for (int i = 0; i < 3; i++)
        {
            EpochMetrics epoch = history.Epochs[i];
            double[] cells = lines[i + 1].Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(
                [epoch.Epoch, epoch.Steps, epoch.Loss, epoch.Accuracy!.Value, epoch.ValidationLoss!.Value, epoch.ValidationAccuracy!.Value,
                 epoch.LearningRate, epoch.Seconds, epoch.ImagesPerSecond],
                cells);
        }
    }

    [Fact]
    public void CsvLeavesMetricsNotMeasuredEmpty()
    {
        string[] lines = TrainedHistory(validation: false).ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        string[] cells = lines[1].Split(',');
        Assert.Equal("1", cells[0]);
        Assert.Equal("6", cells[1]);
        Assert.Equal("", cells[4]);
        Assert.Equal("", cells[5]);
    }

    [Fact]
    public void JsonHoldsEveryEpochAndTheOutcomeAndReadsBackExactly()
    {
        TrainingHistory history = TrainedHistory();
        string path = _directory.File("history.json");
        history.SaveJson(path);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        Assert.Equal(3, root.GetProperty("epochs").GetArrayLength());
        JsonElement second = root.GetProperty("epochs")[1];
        Assert.Equal(2, second.GetProperty("epoch").GetInt32());
        Assert.Equal(history.Epochs[1].Loss, second.GetProperty("loss").GetDouble());
        Assert.Equal(history.Epochs[1].ValidationAccuracy, second.GetProperty("val_accuracy").GetDouble());
        Assert.Equal(history.Epochs[1].LearningRate, second.GetProperty("learning_rate").GetDouble());
        Assert.Equal(history.BestEpoch, root.GetProperty("best_epoch").GetInt32());
        Assert.False(root.GetProperty("stopped_early").GetBoolean());

        TrainingHistory read = TrainingHistory.FromJson(File.ReadAllText(path));
        Assert.Equal(history.Epochs, read.Epochs);
        Assert.Equal(history.BestEpoch, read.BestEpoch);
        Assert.Equal(history.RestoredBestWeights, read.RestoredBestWeights);
    }

    [Fact]
    public void JsonWithoutValidationWritesNulls()
    {
        using var document = JsonDocument.Parse(TrainedHistory(validation: false).ToJson());

        JsonElement first = document.RootElement.GetProperty("epochs")[0];
        Assert.Equal(JsonValueKind.Null, first.GetProperty("val_loss").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("best_epoch").ValueKind);
    }

    [Fact]
    public void MalformedJsonIsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => TrainingHistory.FromJson("""{"epochs": [{"epoch": 1}]}"""));

        Assert.Contains("'steps' is missing", error.Message);
    }
}
