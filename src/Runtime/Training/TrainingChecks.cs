using System.Globalization;

namespace CnnCompiler;

/// <summary>The argument checks of <see cref="Trainer.Fit"/>, each naming what was expected and what was given.</summary>
internal static class TrainingChecks
{
    public static void Validate(IClassifier network, Dataset train, TrainingOptions options)
    {
        if (options.Optimizer is null) throw new ArgumentException("TrainingOptions.Optimizer is required.", nameof(options));
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "TrainingOptions.Epochs must be at least 1.");
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "TrainingOptions.BatchSize must be at least 1.");
        if (options.CheckpointEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.CheckpointEvery, "TrainingOptions.CheckpointEvery must be at least 1.");
        if (options.Threads is < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "TrainingOptions.Threads must be at least 1.");
        if (!(options.ValidationSplit >= 0 && options.ValidationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.ValidationSplit, "TrainingOptions.ValidationSplit must be in [0, 1).");
        if (options.ValidationSplit > 0 && options.Validation is not null)
            throw new ArgumentException("Give either TrainingOptions.Validation or TrainingOptions.ValidationSplit, not both.", nameof(options));
        if (options.EarlyStopping is { } stopping)
        {
            if (options.Validation is null && options.ValidationSplit == 0)
                throw new ArgumentException("Early stopping watches a validation metric; set TrainingOptions.Validation or ValidationSplit.", nameof(options));
            if (stopping.Patience < 0) throw new ArgumentOutOfRangeException(nameof(options), stopping.Patience, "EarlyStopping.Patience must be ≥ 0.");
            if (!(stopping.MinDelta >= 0) || double.IsInfinity(stopping.MinDelta))
                throw new ArgumentOutOfRangeException(nameof(options), stopping.MinDelta, "EarlyStopping.MinDelta must be a finite value ≥ 0.");
        }
        if (options.TensorBoardStepInterval < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.TensorBoardStepInterval, "TrainingOptions.TensorBoardStepInterval must be ≥ 0.");
        if (options.TensorBoardDirectory is { Length: 0 })
            throw new ArgumentException("TrainingOptions.TensorBoardDirectory is empty; give a folder or null.", nameof(options));
        CheckData(network, train, "training", "train");
        if (options.Validation is { } validation) CheckData(network, validation, "validation", nameof(options));
    }

    /// <summary>
    /// Whether the run in <paramref name="checkpoint"/> can go on under <paramref name="options"/>: early stopping that
    /// restores best weights needs the checkpoint to hold them once it has a best epoch, and must watch the metric the
    /// checkpoint's best value is of.
    /// </summary>
    public static void RequireResumable(TrainingCheckpoint checkpoint, TrainingOptions options, string path)
    {
        if (options.EarlyStopping is not { } stopping || checkpoint.EarlyStopping is not { BestEpoch: > 0 } state) return;
        if (stopping.RestoreBestWeights && (state.BestParameters is null || state.BestState is null))
            throw new ArgumentException(
                $"{path} holds no best-epoch weights (it was written without RestoreBestWeights), so early stopping cannot restore them; " +
                "resume with RestoreBestWeights = false or from a checkpoint that has them.", nameof(options));
        EpochMetrics best = checkpoint.History.Epochs[state.BestEpoch - 1];
        double? watched = stopping.Metric == EarlyStoppingMetric.ValidationLoss ? best.ValidationLoss : best.ValidationAccuracy;
        if (watched != state.Best)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{path} was written by early stopping on another metric (its best, {state.Best:R}, is not the {stopping.Metric} of epoch {state.BestEpoch}); resume with EarlyStopping.Metric as that run had it."),
                nameof(options));
    }

    /// <summary>
    /// Creates the checkpoint folder and a probe file in it (deleted on close), so that a folder that cannot be written
    /// fails before the first epoch rather than after it, with the network already changed.
    /// </summary>
    public static void RequireWritableDirectory(string directory)
    {
        if (directory.Length == 0) throw new ArgumentException("TrainingOptions.CheckpointDirectory is empty; give a folder or null.", "options");
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, $".write-test.{Path.GetRandomFileName()}.tmp");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"TrainingOptions.CheckpointDirectory {directory} cannot be written: {e.Message}", "options", e);
        }
    }

    /// <summary>The checks of <see cref="Validate"/> that do not concern the data, and those of an image folder's samples and classes.</summary>
    public static void Validate(IClassifier network, ImageFolderDataset train, TrainingOptions options)
    {
        if (options.ValidationSplit > 0 && options.Validation is not null)
            throw new ArgumentException("Give either TrainingOptions.Validation or TrainingOptions.ValidationSplit, not both.", nameof(options));
        if (train.Count == 0) throw new ArgumentException($"The image folder {train.Root} holds no images to train on.", nameof(train));
        if (!train.SampleShape.AsSpan().SequenceEqual(network.InputShape))
            throw new ArgumentException(
                $"{network.GetType().Name} takes samples of {ShapeText.Format(network.InputShape)}; the image folder's options make {ShapeText.Format(train.SampleShape)} " +
                "(ImageFolderOptions.For(network) takes the network's).", nameof(train));
        if (train.ClassCount > network.OutputLength)
            throw new ArgumentException(
                $"The image folder {train.Root} has {train.ClassCount} classes ({string.Join(", ", train.ClassNames.Take(12))}{(train.ClassCount > 12 ? ", …" : "")}); {network.GetType().Name} has {network.OutputLength} outputs.", nameof(train));
        // The rest as for data in memory, on a one-sample stand-in with a valid label.
        Validate(network, new Dataset(new float[network.InputLength], [0], network.InputShape), options);
    }

    private static void CheckData(IClassifier network, Dataset data, string role, string parameter)
    {
        if (data.Count == 0) throw new ArgumentException($"The {role} data set is empty.", parameter);
        if (data.SampleLength != network.InputLength)
            throw new ArgumentException(
                $"{network.GetType().Name} takes samples of {ShapeText.Format(network.InputShape)} ({network.InputLength} floats); the {role} data's are " +
                $"{ShapeText.Format(data.SampleShape)} ({data.SampleLength} floats).", parameter);
        data.ValidateLabels(network.OutputLength);
    }
}
