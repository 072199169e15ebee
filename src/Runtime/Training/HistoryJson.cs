using System.Buffers;
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
            return new TrainingHistory(
                epochs,
                bestEpoch.ValueKind == JsonValueKind.Null ? null : bestEpoch.GetInt32(),
                Property(root, "stopped_early").GetBoolean(),
                Property(root, "restored_best_weights").GetBoolean());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"The training history is not valid: {e.Message}", e);
        }
    }

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
