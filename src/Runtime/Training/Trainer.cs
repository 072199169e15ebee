namespace CnnCompiler;

/// <summary>
/// Trains a classifier for a number of epochs, as Keras's <c>model.fit</c> does: seeded shuffled mini-batches, optional
/// augmentation and learning-rate schedule, validation after every epoch, early stopping, checkpoints and resuming,
/// and progress on the console. With the same options, seed and <see cref="INetwork.Threads"/>, two runs are bitwise
/// identical, and so is a run resumed from one of its checkpoints.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="train"/> and returns the metrics of every epoch. A NaN or
    /// infinite loss stops training with a <see cref="TrainingStepException"/> naming the epoch and step (the step's
    /// update is not applied). With a <see cref="TrainingOptions.CheckpointDirectory"/>, temporary files of checkpoint
    /// writes that an earlier, killed run left there are deleted first (nothing else in the folder is touched). Every
    /// check, including those of a <see cref="TrainingOptions.ResumeFrom"/> checkpoint against the options, runs before
    /// the network, the optimizer or anything else changes.
    /// </summary>
    public static TrainingHistory Fit(IClassifier network, Dataset train, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        TrainingChecks.Validate(network, train, options);
        // A checkpoint to resume from is read and checked against the options before anything changes.
        PendingCheckpoint? resume = null;
        if (options.ResumeFrom is { } path)
        {
            resume = Checkpoint.Prepare(path, network, options.Optimizer);
            TrainingChecks.RequireResumable(resume.State, options, path);
        }
        if (options.CheckpointDirectory is { } directory)
        {
            TrainingChecks.RequireWritableDirectory(directory);
            Checkpoint.DeleteStaleTemporaryFiles(directory);
        }
        if (options.Threads is { } threads) network.Threads = threads;
        Dataset? validation = options.Validation;
        if (options.ValidationSplit > 0) (train, validation) = train.Split(options.ValidationSplit, options.Seed);
        var batches = new EpochBatches(train, Math.Min(options.BatchSize, train.Count), new SeededRandom(TrainingRun.StreamSeed(options.Seed, 1)));
        return new TrainingRun(network, batches, validation, options, resume).Run();
    }

    /// <summary>
    /// Trains on an image folder as <see cref="Fit(IClassifier, Dataset, TrainingOptions)"/> does on data in memory, with
    /// the images decoded in the background by an <see cref="ImageBatchLoader"/> (its workers, queue and cache as
    /// <see cref="ImageFolderDataset.Options"/> say). <see cref="TrainingOptions.ValidationSplit"/> splits stratified by
    /// class (<see cref="ImageFolderDataset.Split"/>); the validation images are resized and center-cropped (never
    /// <see cref="ImageFolderOptions.RandomResizedCrop"/>) and held in memory.
    /// Augmentation applies to every decoded batch as to any other. Same seed, options and threads: the same run.
    /// </summary>
    public static TrainingHistory Fit(IClassifier network, ImageFolderDataset train, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        TrainingChecks.Validate(network, train, options);
        Dataset? validation = options.Validation;
        if (options.ValidationSplit > 0)
        {
            (train, ImageFolderDataset held) = train.Split(options.ValidationSplit, options.Seed);
            validation = held.WithOptions(held.Options with { Crop = ImageCrop.Center, RandomResizedCrop = null, CacheInMemory = false }).Load();
        }
        PendingCheckpoint? resume = null;
        if (options.ResumeFrom is { } path)
        {
            resume = Checkpoint.Prepare(path, network, options.Optimizer);
            TrainingChecks.RequireResumable(resume.State, options, path);
        }
        if (options.CheckpointDirectory is { } directory)
        {
            TrainingChecks.RequireWritableDirectory(directory);
            Checkpoint.DeleteStaleTemporaryFiles(directory);
        }
        if (options.Threads is { } threads) network.Threads = threads;
        using var batches = new ImageBatchLoader(train, Math.Min(options.BatchSize, train.Count), TrainingRun.StreamSeed(options.Seed, 1));
        return new TrainingRun(network, batches, validation, options with { ValidationSplit = 0 }, resume).Run();
    }
}
