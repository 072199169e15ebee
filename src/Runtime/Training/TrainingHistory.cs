namespace CnnCompiler;

/// <summary>
/// The metrics of every epoch of a <see cref="Trainer.Fit"/> run (resumed runs included), and how it ended. Exports to
/// CSV (a header, then one row per epoch) and JSON.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<EpochMetrics> _epochs;

    public TrainingHistory()
        : this([], bestEpoch: null, stoppedEarly: false, restoredBestWeights: false)
    {
    }

    internal TrainingHistory(List<EpochMetrics> epochs, int? bestEpoch, bool stoppedEarly, bool restoredBestWeights)
    {
        _epochs = epochs;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
        RestoredBestWeights = restoredBestWeights;
    }

    /// <summary>One entry per epoch, in order.</summary>
    public IReadOnlyList<EpochMetrics> Epochs => _epochs;

    /// <summary>The epoch with the best watched metric under <see cref="EarlyStopping"/>; null without early stopping.</summary>
    public int? BestEpoch { get; internal set; }

    /// <summary>Whether early stopping ended the run before its last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>Whether the network was given back its best epoch's weights at the end.</summary>
    public bool RestoredBestWeights { get; internal set; }

    /// <summary>The history as CSV: a header row, then one row per epoch; metrics not measured are empty cells.</summary>
    public string ToCsv() => HistoryCsv.Write(this);

    /// <summary>The history as JSON: <c>{"epochs": [{"epoch": 1, "loss": …}, …], "best_epoch": …, "stopped_early": …, "restored_best_weights": …}</c>.</summary>
    public string ToJson(bool indented = true) => HistoryJson.Write(this, indented);

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/>, atomically.</summary>
    public void SaveCsv(string path) => SaveText(path, ToCsv());

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>, atomically.</summary>
    public void SaveJson(string path) => SaveText(path, ToJson());

    /// <summary>Reads a history written by <see cref="ToJson"/>; a malformed one is an <see cref="InvalidDataException"/>.</summary>
    public static TrainingHistory FromJson(string json) => HistoryJson.Read(json);

    internal void Add(EpochMetrics metrics) => _epochs.Add(metrics);

    private static void SaveText(string path, string text) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
}
