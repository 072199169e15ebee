using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CnnCompiler;

/// <summary>The metadata keys of a checkpoint and the text forms of their values, read back with errors that name the file and key.</summary>
internal static class CheckpointMetadata
{
    public const string Version = "cnncompiler.checkpoint_version";
    public const string Network = NetworkWeights.NetworkKey;
    public const string Epoch = "cnncompiler.epoch";
    public const string GlobalStep = "cnncompiler.global_step";
    public const string Optimizer = "cnncompiler.optimizer";
    public const string OptimizerStep = "cnncompiler.optimizer_step";
    public const string LearningRate = "cnncompiler.learning_rate";
    public const string ScheduleStep = "cnncompiler.schedule_step";
    public const string ShuffleRandom = "cnncompiler.shuffle_rng";
    public const string AugmentationRandom = "cnncompiler.augmentation_rng";
    public const string NetworkRandom = "cnncompiler.network_rng";
    public const string History = "cnncompiler.history";
    public const string EarlyStopping = "cnncompiler.early_stopping";

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The four words of a <see cref="SeededRandom.State"/> as 16-digit hex, comma-separated.</summary>
    public static string Random((ulong, ulong, ulong, ulong) state) =>
        string.Create(CultureInfo.InvariantCulture, $"{state.Item1:x16},{state.Item2:x16},{state.Item3:x16},{state.Item4:x16}");

    /// <summary>Best value, best epoch and wait count of early stopping, as a JSON object.</summary>
    public static string EarlyStoppingText(EarlyStoppingState state)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (double.IsFinite(state.Best)) json.WriteNumber("best", state.Best);
            else json.WriteString("best", state.Best.ToString(CultureInfo.InvariantCulture));
            json.WriteNumber("best_epoch", state.BestEpoch);
            json.WriteNumber("wait", state.Wait);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Require(SafeTensorsFile file, string key) =>
        file.Metadata.TryGetValue(key, out string? value) ? value : throw Invalid(file, key, "is missing");

    public static long RequireInteger(SafeTensorsFile file, string key, long min = 0, long max = long.MaxValue)
    {
        string text = Require(file, key);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
            throw Invalid(file, key, $"is '{Excerpt.Of(text)}', not an integer in {min}…{max}");
        return value;
    }

    public static float RequireFloat(SafeTensorsFile file, string key)
    {
        string text = Require(file, key);
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw Invalid(file, key, $"is '{Excerpt.Of(text)}', not a finite number");
        return value;
    }

    public static (ulong, ulong, ulong, ulong)? OptionalRandom(SafeTensorsFile file, string key) =>
        file.Metadata.ContainsKey(key) ? RequireRandom(file, key) : null;

    public static (ulong, ulong, ulong, ulong) RequireRandom(SafeTensorsFile file, string key)
    {
        string text = Require(file, key);
        string[] parts = text.Split(',');
        var words = new ulong[4];
        bool valid = parts.Length == 4;
        for (int i = 0; valid && i < 4; i++)
            valid = ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]);
        if (!valid) throw Invalid(file, key, $"is '{Excerpt.Of(text)}', not four comma-separated hex words");
        if (words.All(w => w == 0)) throw Invalid(file, key, "is all zeros, which no generator state can be");
        return (words[0], words[1], words[2], words[3]);
    }

    public static TrainingHistory RequireHistory(SafeTensorsFile file) =>
        HistoryJson.TryRead(Require(file, History), out TrainingHistory? history, out string? problem, out Exception? inner)
            ? history
            : throw Invalid(file, History, $"is not a valid history: {problem.TrimEnd('.')}", inner);

    /// <summary>Early stopping's best value, best epoch and wait count, if recorded.</summary>
    public static (double Best, int BestEpoch, int Wait)? OptionalEarlyStopping(SafeTensorsFile file)
    {
        if (!file.Metadata.TryGetValue(EarlyStopping, out string? text)) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            JsonElement best = root.GetProperty("best");
            double value;
            if (best.ValueKind != JsonValueKind.String) value = best.GetDouble();
            else if (!double.TryParse(best.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                throw new FormatException($"'best' is '{Excerpt.Of(best.GetString()!)}', not a number");
            return (value, root.GetProperty("best_epoch").GetInt32(), root.GetProperty("wait").GetInt32());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw Invalid(file, EarlyStopping, $"is not valid ({e.Message})", e);
        }
    }

    /// <summary>
    /// Early stopping's fields against the run they describe: the best epoch is one of the epochs (0 before any
    /// improvement, with a best of ±∞), the wait is at most the epochs since it, the best value is that epoch's validation
    /// loss or accuracy in the history, and the history names the same best epoch.
    /// </summary>
    public static void RequireEarlyStoppingInRange(SafeTensorsFile file, (double Best, int BestEpoch, int Wait) stopping, int epoch, TrainingHistory history)
    {
        var (best, bestEpoch, wait) = stopping;
        string? problem = null;
        if (bestEpoch < 0 || bestEpoch > epoch) problem = $"has best_epoch {bestEpoch}, outside 0…{epoch} (the checkpoint is after epoch {epoch})";
        else if (wait < 0 || wait > epoch - bestEpoch) problem = $"has wait {wait}; after epoch {epoch} with the best in epoch {bestEpoch} it is at most {epoch - bestEpoch}";
        else if (bestEpoch == 0 && !double.IsInfinity(best)) problem = $"has best {Float(best)} but no best epoch";
        else if (bestEpoch > 0 && !double.IsFinite(best)) problem = $"has best {Float(best)} for epoch {bestEpoch}";
        else if (bestEpoch > 0 && best != history.Epochs[bestEpoch - 1].ValidationLoss && best != history.Epochs[bestEpoch - 1].ValidationAccuracy)
            problem = $"has best {Float(best)}, which is neither the validation loss nor the accuracy of epoch {bestEpoch} in the history";
        else if (history.BestEpoch is { } recorded && recorded != bestEpoch) problem = $"has best_epoch {bestEpoch} but the history's is {recorded}";
        if (problem is not null) throw Invalid(file, EarlyStopping, problem);
    }

    public static string Float(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static InvalidDataException Invalid(SafeTensorsFile file, string key, string problem, Exception? inner = null) =>
        new($"{file.Source} is not a valid checkpoint: metadata '{key}' {problem}.", inner);
}
