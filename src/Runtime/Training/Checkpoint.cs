using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// Training checkpoints: one safetensors file holding the network's tensors (PyTorch state_dict names, so the weights
/// load anywhere a weight file does), the optimizer's buffers as <c>optimizer.&lt;buffer&gt;</c> tensors, early stopping's
/// best weights as <c>early_stopping.*</c> tensors, and in the metadata the epoch, global step, optimizer step count and
/// learning rate, schedule position, random generator states, the history so far and a format version. Saved
/// atomically; loading validates the architecture and the whole file before changing anything.
/// </summary>
public static class Checkpoint
{
    /// <summary>The checkpoint format this version writes and reads.</summary>
    public const int FormatVersion = 1;

    public const string OptimizerPrefix = "optimizer.";
    public const string EarlyStoppingPrefix = "early_stopping.";
    private const string BestParametersName = EarlyStoppingPrefix + "best_parameters";
    private const string BestStateName = EarlyStoppingPrefix + "best_state";
    private const string FilePrefix = "checkpoint-epoch-";

    /// <summary>The file name <see cref="Trainer.Fit"/> gives the checkpoint after <paramref name="epoch"/>: <c>checkpoint-epoch-0004.safetensors</c>.</summary>
    public static string FileName(int epoch) => string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{epoch:D4}.safetensors");

    /// <summary>
    /// The newest intact checkpoint in <paramref name="directory"/> (the highest epoch among the
    /// <c>checkpoint-epoch-NNNN.safetensors</c> files that pass <see cref="Validate"/>), or null when it holds none.
    /// A newer file that is truncated, malformed, fails its checksum or cannot be read is skipped, so that a run
    /// resumes from the previous checkpoint rather than failing on a damaged one; the check is of the file's
    /// integrity only, so an intact checkpoint of another network or format version is still returned and
    /// <see cref="Load"/> says why it does not fit. Validating reads the candidates in full, newest first, until one passes.
    /// </summary>
    public static string? FindLatest(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory)) return null;
        var candidates = new List<(int Epoch, string Path)>();
        foreach (string path in Directory.GetFiles(directory, FilePrefix + "*.safetensors"))
        {
            if (TryParseEpoch(Path.GetFileName(path), out int epoch)) candidates.Add((epoch, path));
        }
        candidates.Sort((a, b) => b.Epoch != a.Epoch ? b.Epoch.CompareTo(a.Epoch) : string.CompareOrdinal(a.Path, b.Path));
        foreach (var (_, path) in candidates)
        {
            if (IsIntact(path)) return path;
        }
        return null;
    }

    /// <summary>
    /// Checks that the file at <paramref name="path"/> is intact, without loading it into a network: the safetensors
    /// header, every tensor's size against the data section, and the SHA-256 recorded at saving, the checks
    /// <see cref="Load"/> begins with. A damaged file is an <see cref="InvalidDataException"/> naming it and the problem;
    /// a missing or unreadable one the <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> of opening it.
    /// Whether the checkpoint fits a network or optimizer is left to <see cref="Load"/>.
    /// </summary>
    public static void Validate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensors.Verify(path);
    }

    private static bool IsIntact(string path)
    {
        try
        {
            SafeTensors.Verify(path);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes the temporary files of checkpoint writes that never finished (<c>.checkpoint-epoch-0003.safetensors.&lt;random&gt;.tmp</c>,
    /// left by a process killed while saving) from <paramref name="directory"/>. Nothing else is touched; a file that
    /// is open for writing or cannot be deleted stays, silently.
    /// </summary>
    internal static void DeleteStaleTemporaryFiles(string directory)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(directory, "." + FilePrefix + "*.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (string path in files)
        {
            if (AtomicFile.TryGetTarget(Path.GetFileName(path), out string? target) && TryParseEpoch(target, out _)) AtomicFile.TryDeleteUnused(path);
        }
    }

    /// <summary>The epoch of a checkpoint file name, <c>checkpoint-epoch-&lt;digits&gt;.safetensors</c>.</summary>
    private static bool TryParseEpoch(string fileName, out int epoch)
    {
        epoch = 0;
        const string Extension = ".safetensors";
        return fileName.StartsWith(FilePrefix, StringComparison.Ordinal) && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && fileName.Length > FilePrefix.Length + Extension.Length
            && int.TryParse(fileName.AsSpan(FilePrefix.Length, fileName.Length - FilePrefix.Length - Extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out epoch);
    }

    /// <summary>Writes a checkpoint of <paramref name="network"/>, <paramref name="optimizer"/> and <paramref name="state"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, INetwork network, IOptimizer optimizer, TrainingCheckpoint state)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        foreach (TensorInfo tensor in network.Tensors)
        {
            if (tensor.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal) || tensor.Name.StartsWith(EarlyStoppingPrefix, StringComparison.Ordinal))
                throw new ArgumentException(
                    $"The network tensor '{tensor.Name}' collides with the checkpoint's own '{OptimizerPrefix}' and '{EarlyStoppingPrefix}' tensors; rename layer '{tensor.Layer}'.",
                    nameof(network));
        }

        OptimizerState optimizerState = optimizer.GetState();
        var writer = new SafeTensorsWriter();
        writer.AddMetadata(CheckpointMetadata.Version, CheckpointMetadata.Integer(FormatVersion));
        writer.AddMetadata(CheckpointMetadata.Network, network.GetType().Name);
        writer.AddMetadata(CheckpointMetadata.Epoch, CheckpointMetadata.Integer(state.Epoch));
        writer.AddMetadata(CheckpointMetadata.GlobalStep, CheckpointMetadata.Integer(state.GlobalStep));
        writer.AddMetadata(CheckpointMetadata.Optimizer, optimizer.GetType().Name);
        writer.AddMetadata(CheckpointMetadata.OptimizerStep, CheckpointMetadata.Integer(optimizerState.StepCount));
        writer.AddMetadata(CheckpointMetadata.LearningRate, CheckpointMetadata.Float(optimizer.LearningRate));
        // Schedules are closed forms of the optimizer's step count; the position is recorded to check that the two agree.
        writer.AddMetadata(CheckpointMetadata.ScheduleStep, CheckpointMetadata.Integer(optimizerState.StepCount));
        writer.AddMetadata(CheckpointMetadata.ShuffleRandom, CheckpointMetadata.Random(state.ShuffleRandom));
        writer.AddMetadata(CheckpointMetadata.AugmentationRandom, CheckpointMetadata.Random(state.AugmentationRandom));
        writer.AddMetadata(CheckpointMetadata.NetworkRandom, CheckpointMetadata.Random(network.TrainingRandom.State));
        writer.AddMetadata(CheckpointMetadata.History, state.History.ToJson(indented: false));
        if (state.EarlyStopping is { } stopping) writer.AddMetadata(CheckpointMetadata.EarlyStopping, CheckpointMetadata.EarlyStoppingText(stopping));

        NetworkTensors.AddTo(writer, network);
        foreach (var (name, values) in optimizerState.Buffers) writer.AddFloats(OptimizerPrefix + name, [values.Length], values);
        if (state.EarlyStopping is { BestParameters: { } bestParameters, BestState: { } bestState })
        {
            writer.AddFloats(BestParametersName, [bestParameters.Length], bestParameters);
            writer.AddFloats(BestStateName, [bestState.Length], bestState);
        }
        writer.Save(path);
    }

    /// <summary>
    /// Restores <paramref name="network"/> and <paramref name="optimizer"/> from the checkpoint at <paramref name="path"/>
    /// and returns the rest of its state. The network's tensors must match by name and shape, and the optimizer must
    /// be of the type that wrote the checkpoint; a corrupt file is an <see cref="InvalidDataException"/>, and so is one
    /// whose values no run can have written: counters out of range or inconsistent with the history (the global step
    /// with the epochs' steps, the optimizer's step count above <see cref="OptimizerState.MaxStepCount"/>), optimizer
    /// buffers that are not finite or negative second moments, BatchNorm statistics no network can hold, early-stopping
    /// fields outside their epochs. Everything is checked before anything changes: on any error neither the network nor
    /// the optimizer does.
    /// </summary>
    public static TrainingCheckpoint Load(string path, INetwork network, IOptimizer optimizer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        PendingCheckpoint pending = Prepare(path, network, optimizer);
        pending.Commit(network, optimizer);
        return pending.State;
    }

    /// <summary>Reads and checks the checkpoint at <paramref name="path"/> for this network and optimizer without changing either.</summary>
    internal static PendingCheckpoint Prepare(string path, INetwork network, IOptimizer optimizer)
    {
        SafeTensorsFile file = SafeTensors.Read(path);

        if (!file.Metadata.TryGetValue(CheckpointMetadata.Version, out string? version))
            throw new InvalidDataException($"{path} is not a CnnCompiler checkpoint: its metadata has no '{CheckpointMetadata.Version}'. A weight file loads with LoadWeights.");
        if (version != CheckpointMetadata.Integer(FormatVersion))
            throw new InvalidDataException($"{path} is a checkpoint of format version {Excerpt.Of(version)}; this version of CnnCompiler reads version {FormatVersion}.");
        string writtenBy = CheckpointMetadata.Require(file, CheckpointMetadata.Optimizer);
        if (writtenBy != optimizer.GetType().Name)
            throw new ArgumentException($"{path} holds the state of a {Excerpt.Of(writtenBy)} optimizer; the optimizer given is a {optimizer.GetType().Name}.", nameof(optimizer));

        int epoch = (int)CheckpointMetadata.RequireInteger(file, CheckpointMetadata.Epoch, max: int.MaxValue);
        long globalStep = CheckpointMetadata.RequireInteger(file, CheckpointMetadata.GlobalStep);
        long optimizerStep = CheckpointMetadata.RequireInteger(file, CheckpointMetadata.OptimizerStep, max: OptimizerState.MaxStepCount);
        long scheduleStep = CheckpointMetadata.RequireInteger(file, CheckpointMetadata.ScheduleStep);
        if (scheduleStep != optimizerStep)
            throw CheckpointMetadata.Invalid(file, CheckpointMetadata.ScheduleStep, $"is {scheduleStep} but the optimizer step count is {optimizerStep}");
        float learningRate = CheckpointMetadata.RequireFloat(file, CheckpointMetadata.LearningRate);
        // Checked here, not by the optimizer's setter after its state was restored: a bad file must change nothing.
        if (learningRate < 0f)
            throw CheckpointMetadata.Invalid(file, CheckpointMetadata.LearningRate, $"is {CheckpointMetadata.Float(learningRate)}, not a learning rate ≥ 0");
        var shuffleRandom = CheckpointMetadata.RequireRandom(file, CheckpointMetadata.ShuffleRandom);
        var augmentationRandom = CheckpointMetadata.RequireRandom(file, CheckpointMetadata.AugmentationRandom);
        var networkRandom = CheckpointMetadata.OptionalRandom(file, CheckpointMetadata.NetworkRandom);
        TrainingHistory history = CheckpointMetadata.RequireHistory(file);
        if (history.Epochs.Count != epoch)
            throw CheckpointMetadata.Invalid(file, CheckpointMetadata.History, $"holds {history.Epochs.Count} epochs but the checkpoint is after epoch {epoch}");
        long historySteps = history.Epochs.Sum(e => (long)e.Steps);
        // Trainer.Fit writes checkpoints only after whole epochs, so its step count is theirs (a checkpoint saved outside
        // Fit has no epochs and any count).
        if (epoch > 0 && globalStep != historySteps)
            throw CheckpointMetadata.Invalid(file, CheckpointMetadata.GlobalStep, $"is {globalStep} but the {epoch} epochs of the history took {historySteps} steps");
        // Fit saves after the epoch's last step, whose rate the history records: a rate that differs would be the next step's.
        if (epoch > 0 && learningRate != history.Epochs[^1].LearningRate)
            throw CheckpointMetadata.Invalid(file, CheckpointMetadata.LearningRate,
                $"is {CheckpointMetadata.Float(learningRate)} but the history's last epoch ran at {CheckpointMetadata.Float((float)history.Epochs[^1].LearningRate)}");

        var staging = WeightStaging.Prepare(network, file, new LoadOptions(), IsCheckpointContent);
        var optimizerState = new OptimizerState(optimizerStep, ReadOptimizerBuffers(file, network.Parameters.Length));
        EarlyStoppingState? earlyStopping = ReadEarlyStopping(file, network, epoch, history);
        return new PendingCheckpoint(
            path, staging, optimizerState, learningRate, networkRandom,
            new TrainingCheckpoint(epoch, globalStep, shuffleRandom, augmentationRandom, history, earlyStopping));
    }

    private static bool IsCheckpointContent(string name) =>
        name.StartsWith(OptimizerPrefix, StringComparison.Ordinal) || name.StartsWith(EarlyStoppingPrefix, StringComparison.Ordinal);

    private static List<KeyValuePair<string, float[]>> ReadOptimizerBuffers(SafeTensorsFile file, int parameterCount)
    {
        var buffers = new List<KeyValuePair<string, float[]>>();
        foreach (SafeTensorInfo tensor in file.Tensors)
        {
            if (!tensor.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) continue;
            buffers.Add(new(tensor.Name[OptimizerPrefix.Length..], ReadVector(file, tensor, parameterCount)));
        }
        return buffers;
    }

    private static EarlyStoppingState? ReadEarlyStopping(SafeTensorsFile file, INetwork network, int epoch, TrainingHistory history)
    {
        if (CheckpointMetadata.OptionalEarlyStopping(file) is not { } stopping)
        {
            if (file.Tensors.Any(t => t.Name.StartsWith(EarlyStoppingPrefix, StringComparison.Ordinal)))
                throw CheckpointMetadata.Invalid(file, CheckpointMetadata.EarlyStopping, "is missing although the file holds early-stopping tensors");
            return null;
        }
        CheckpointMetadata.RequireEarlyStoppingInRange(file, stopping, epoch, history);
        float[]? bestParameters = null, bestState = null;
        bool hasParameters = file.TryGetTensor(BestParametersName, out SafeTensorInfo parametersTensor);
        bool hasState = file.TryGetTensor(BestStateName, out SafeTensorInfo stateTensor);
        if (hasParameters != hasState)
            throw new InvalidDataException($"{file.Source} is not a valid checkpoint: it holds only one of '{BestParametersName}' and '{BestStateName}'.");
        if (hasParameters)
        {
            bestParameters = ReadVector(file, parametersTensor, network.Parameters.Length);
            bestState = ReadVector(file, stateTensor, network.State.Length);
            foreach (TensorInfo tensor in network.Tensors.Where(t => t.Store == TensorStore.State))
            {
                if (StateValues.Problem(tensor, bestState.AsSpan(tensor.Offset, tensor.Length)) is { } problem)
                    throw new InvalidDataException($"{file.Source} is not a valid checkpoint: in '{BestStateName}', {problem}.");
            }
        }
        foreach (SafeTensorInfo tensor in file.Tensors)
        {
            if (tensor.Name.StartsWith(EarlyStoppingPrefix, StringComparison.Ordinal) && tensor.Name != BestParametersName && tensor.Name != BestStateName)
                throw new InvalidDataException($"{file.Source} is not a valid checkpoint: unknown early-stopping tensor '{Excerpt.Of(tensor.Name)}'.");
        }
        return new EarlyStoppingState(stopping.Best, stopping.BestEpoch, stopping.Wait, bestParameters, bestState);
    }

    private static float[] ReadVector(SafeTensorsFile file, SafeTensorInfo tensor, int length)
    {
        if (tensor.DType != SafeTensorDType.F32 || !tensor.HasShape([length]))
            throw new InvalidDataException(
                $"{file.Source} does not fit this network: '{Excerpt.Of(tensor.Name)}' is {tensor.DType.Name()} of shape {tensor.ShapeText}; F32 of shape {length} is expected.");
        var values = new float[length];
        file.ReadFloats(tensor, values);
        return values;
    }
}
