using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// Receives <see cref="Trainer.Fit"/>'s progress. This base reports nothing (<see cref="TrainingProgress.None"/>);
/// <see cref="ProgressLines"/> and <see cref="ProgressBar"/> write text.
/// </summary>
internal class ProgressReporter
{
    public static ProgressReporter Create(TrainingProgress mode, TextWriter? writer)
    {
        if (mode == TrainingProgress.Auto)
        {
            bool interactive = writer is null && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
            mode = interactive ? TrainingProgress.Bar : TrainingProgress.Lines;
        }
        return mode switch
        {
            TrainingProgress.Bar => new ProgressBar(writer ?? Console.Out),
            TrainingProgress.Lines => new ProgressLines(writer ?? Console.Out),
            TrainingProgress.None => new ProgressReporter(),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown progress mode."),
        };
    }

    /// <summary>A message outside the epochs (resuming, early stopping).</summary>
    public virtual void Message(string text)
    {
    }

    public virtual void BeginEpoch(int epoch, int epochs, int steps)
    {
    }

    /// <summary>After each step: steps and samples done in this epoch, and the epoch's running mean loss. Must not allocate.</summary>
    public virtual void Step(int step, long samples, double runningLoss)
    {
    }

    public virtual void EndEpoch(EpochMetrics metrics, int epochs)
    {
    }

    /// <summary>"Epoch 3/10: loss 0.4321, accuracy 85.12%, val_loss …, lr 0.01, 2.31 s, 4,321 images/s".</summary>
    protected static string Summary(EpochMetrics m, int epochs)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string> { string.Create(c, $"loss {m.Loss:F4}") };
        if (m.Accuracy is { } accuracy) parts.Add(string.Create(c, $"accuracy {accuracy:P2}"));
        if (m.ValidationLoss is { } valLoss) parts.Add(string.Create(c, $"val_loss {valLoss:F4}"));
        if (m.ValidationAccuracy is { } valAccuracy) parts.Add(string.Create(c, $"val_accuracy {valAccuracy:P2}"));
        parts.Add(string.Create(c, $"lr {m.LearningRate:G4}"));
        parts.Add(string.Create(c, $"{m.Seconds:F2} s"));
        parts.Add(string.Create(c, $"{m.ImagesPerSecond:N0} images/s"));
        return string.Create(c, $"Epoch {m.Epoch}/{epochs}: {string.Join(", ", parts)}");
    }
}
