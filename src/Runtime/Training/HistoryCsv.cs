using System.Globalization;
using System.Text;

namespace CnnCompiler;

/// <summary>A <see cref="TrainingHistory"/> as CSV, with round-trip number formatting independent of the culture.</summary>
internal static class HistoryCsv
{
    public const string Header = "epoch,steps,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,images_per_second";

    public static string Write(TrainingHistory history)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (EpochMetrics m in history.Epochs)
        {
            text.Append(m.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.Steps.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(m.Loss)).Append(',')
                .Append(Number(m.Accuracy)).Append(',')
                .Append(Number(m.ValidationLoss)).Append(',')
                .Append(Number(m.ValidationAccuracy)).Append(',')
                .Append(Number(m.LearningRate)).Append(',')
                .Append(Number(m.Seconds)).Append(',')
                .Append(Number(m.ImagesPerSecond)).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
