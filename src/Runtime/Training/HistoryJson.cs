using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CnnCompiler;

/// <summary>
/// A <see cref="TrainingHistory"/> as JSON, written and read without reflection. Numbers are written in their shortest
/// round-trip form, so a history read back is bitwise the one written; values that are not finite become null.
/// </summary>
internal static class HistoryJson
{
    public static string Write(TrainingHistory history, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteStartArray("epochs");
            foreach (EpochMetrics m in history.Epochs)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", m.Epoch);
                json.WriteNumber("steps", m.Steps);
                Number(json, "loss", m.Loss);
                Number(json, "accuracy", m.Accuracy);
                Number(json, "val_loss", m.ValidationLoss);
                Number(json, "val_accuracy", m.ValidationAccuracy);
                Number(json, "learning_rate", m.LearningRate);
                Number(json, "seconds", m.Seconds);
                Number(json, "images_per_second", m.ImagesPerSecond);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (history.BestEpoch is { } best) json.WriteNumber("best_epoch", best);
            else json.WriteNull("best_epoch");
            json.WriteBoolean("stopped_early", history.StoppedEarly);
            json.WriteBoolean("restored_best_weights", history.RestoredBestWeights);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static TrainingHistory Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out TrainingHistory? history, out string? problem, out Exception? inner)
            ? history
            : throw new InvalidDataException($"The training history is not valid: {problem}", inner);
    }

    /// <summary>The history in <paramref name="text"/>, or why it is not one (a sentence ending with a period) and the exception behind that.</summary>
    public static bool TryRead(string text, [NotNullWhen(true)] out TrainingHistory? history, [NotNullWhen(false)] out string? problem, out Exception? inner)
    {
        history = null;
        problem = null;
        inner = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            var epochs = new List<EpochMetrics>();
            foreach (JsonElement e in Property(root, "epochs").EnumerateArray())
            {
                epochs.Add(new EpochMetrics(
                    Property(e, "epoch").GetInt32(),
                    Property(e, "steps").GetInt32(),
                    Required(e, "loss"),
                    Optional(e, "accuracy"),
                    Optional(e, "val_loss"),
                    Optional(e, "val_accuracy"),
                    Required(e, "learning_rate"),
                    Required(e, "seconds"),
                    Required(e, "images_per_second")));
            }
            JsonElement bestEpoch = Property(root, "best_epoch");
            var read = new TrainingHistory(
                epochs,
                bestEpoch.ValueKind == JsonValueKind.Null ? null : bestEpoch.GetInt32(),
                Property(root, "stopped_early").GetBoolean(),
                Property(root, "restored_best_weights").GetBoolean());
            problem = Problem(read) is { } wrong ? wrong + "." : null;
            history = problem is null ? read : null;
            return history is not null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            problem = e.Message;
            inner = e;
            return false;
        }
    }

    /// <summary>
    /// What no history can hold, if anything: epochs not numbered 1, 2, 3, … in order, metrics out of their ranges (losses,
    /// rates and timings ≥ 0, accuracies in [0, 1], steps ≥ 1; a value that was not finite is written as null and read
    /// as NaN, which stays allowed), a best epoch beyond the epochs, or an early stop or restore without early stopping.
    /// </summary>
    private static string? Problem(TrainingHistory history)
    {
        IReadOnlyList<EpochMetrics> epochs = history.Epochs;
        for (int i = 0; i < epochs.Count; i++)
        {
            EpochMetrics m = epochs[i];
            string at = string.Create(CultureInfo.InvariantCulture, $"entry {i + 1}");
            if (m.Epoch != i + 1) return string.Create(CultureInfo.InvariantCulture, $"{at} is epoch {m.Epoch}; epochs must be 1, 2, 3, … in order");
            if (m.Steps < 1) return string.Create(CultureInfo.InvariantCulture, $"{at} has {m.Steps} steps");
            if (!IsNullOrAtLeastZero(m.Loss)) return string.Create(CultureInfo.InvariantCulture, $"{at} has the loss {m.Loss}");
            if (m.Accuracy is { } a && !(a >= 0 && a <= 1)) return string.Create(CultureInfo.InvariantCulture, $"{at} has the accuracy {a}");
            if (m.ValidationLoss is { } vl && !IsNullOrAtLeastZero(vl)) return string.Create(CultureInfo.InvariantCulture, $"{at} has the validation loss {vl}");
            if (m.ValidationAccuracy is { } va && !(va >= 0 && va <= 1)) return string.Create(CultureInfo.InvariantCulture, $"{at} has the validation accuracy {va}");
            if (!IsNullOrAtLeastZero(m.LearningRate)) return string.Create(CultureInfo.InvariantCulture, $"{at} has the learning rate {m.LearningRate}");
            if (!IsNullOrAtLeastZero(m.Seconds) || !IsNullOrAtLeastZero(m.ImagesPerSecond)) return string.Create(CultureInfo.InvariantCulture, $"{at} has the timing {m.Seconds} s, {m.ImagesPerSecond} images/s");
        }
        if (history.BestEpoch is < 0 || history.BestEpoch > epochs.Count) return string.Create(CultureInfo.InvariantCulture, $"best_epoch {history.BestEpoch} is not one of the {epochs.Count} epochs");
        if ((history.StoppedEarly || history.RestoredBestWeights) && history.BestEpoch is null)
            return "it stopped early or restored best weights without a best_epoch (early stopping)";
        return null;
    }

    // Read values are finite or NaN (null in the JSON): NaN passes, a negative or infinite number does not.
    private static bool IsNullOrAtLeastZero(double value) => double.IsNaN(value) || (double.IsFinite(value) && value >= 0);

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value : throw new KeyNotFoundException($"'{name}' is missing.");

    private static double? Optional(JsonElement element, string name)
    {
        JsonElement value = Property(element, name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    private static double Required(JsonElement element, string name)
    {
        JsonElement value = Property(element, name);
        return value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();
    }
}
