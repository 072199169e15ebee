using System.Diagnostics;
using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// One <see cref="Trainer.Fit"/> run: the epoch loop with its batches, augmentation, schedule, validation, early
/// stopping, checkpoints and progress. The step loop allocates nothing; epoch boundaries may.
/// </summary>
internal sealed class TrainingRun
{
    private readonly IClassifier _network;
    private readonly TrainingOptions _options;
    private readonly IOptimizer _optimizer;
    private readonly Dataset? _validation;
    private readonly IBatchSource _batches;
    private readonly TensorBoardLog? _tensorBoard;
    private readonly SeededRandom _augmentationRandom;
    private readonly BatchAccuracy? _accuracy;
    private readonly EarlyStoppingTracker? _earlyStopping;
    private readonly ProgressReporter _progress;
    private readonly int[] _inputShape;
    private readonly PendingCheckpoint? _resume;
    private TrainingHistory _history = new();
    private int _completedEpochs;
    private long _globalStep;

    // resume: a checkpoint already checked against the options, applied when the run starts.
    public TrainingRun(IClassifier network, IBatchSource batches, Dataset? validation, TrainingOptions options, PendingCheckpoint? resume)
    {
        _resume = resume;
        _network = network;
        _options = options;
        _optimizer = options.Optimizer;
        _validation = validation;
        _inputShape = network.InputShape.ToArray();
        _batches = batches;
        _augmentationRandom = new SeededRandom(StreamSeed(options.Seed, 2));
        if (options.TrainingAccuracy) _accuracy = new BatchAccuracy(network, _batches.Inputs, _batches.Labels, network.Threads);
        if (options.EarlyStopping is { } earlyStopping) _earlyStopping = new EarlyStoppingTracker(earlyStopping, network);
        _progress = ProgressReporter.Create(options.Progress, options.ProgressWriter);
        if (options.TensorBoardDirectory is { } tensorBoard) _tensorBoard = new TensorBoardLog(tensorBoard, network, options.TensorBoardStepInterval);
    }

    public TrainingHistory Run()
    {
        try
        {
            return RunEpochs();
        }
        finally
        {
            _tensorBoard?.Dispose();
        }
    }

    private TrainingHistory RunEpochs()
    {
        if (_resume is not null) Resume(_resume, _options.ResumeFrom!);
        if (_history.StoppedEarly)
        {
            _progress.Message(string.Create(CultureInfo.InvariantCulture, $"Training had already stopped early after epoch {_completedEpochs}; nothing to resume."));
            return _history;
        }
        for (int epoch = _completedEpochs + 1; epoch <= _options.Epochs; epoch++)
        {
            EpochMetrics metrics = RunEpoch(epoch);
            _history.Add(metrics);
            _completedEpochs = epoch;
            _progress.EndEpoch(metrics, _options.Epochs);
            _tensorBoard?.Epoch(metrics);
            bool stop = false;
            if (_earlyStopping is not null)
            {
                stop = _earlyStopping.Update(metrics, _network) && epoch < _options.Epochs;
                _history.BestEpoch = _earlyStopping.BestEpoch;
                _history.StoppedEarly = stop;
            }
            if (_options.CheckpointDirectory is { } directory && epoch % _options.CheckpointEvery == 0) SaveCheckpoint(directory, epoch);
            _options.EpochCompleted?.Invoke(metrics);
            if (stop)
            {
                _progress.Message(string.Create(CultureInfo.InvariantCulture,
                    $"Early stopping after epoch {epoch}: {_earlyStopping!.MetricName} last improved in epoch {_earlyStopping.BestEpoch} ({_earlyStopping.Best:G6})."));
                break;
            }
        }
        if (_earlyStopping is not null && _earlyStopping.RestoreBest(_network, _completedEpochs))
        {
            _history.RestoredBestWeights = true;
            _progress.Message(string.Create(CultureInfo.InvariantCulture, $"Restored the weights of epoch {_earlyStopping.BestEpoch}."));
        }
        return _history;
    }

    private EpochMetrics RunEpoch(int epoch)
    {
        long start = Stopwatch.GetTimestamp();
        _batches.BeginEpoch(epoch);
        int steps = _batches.BatchesPerEpoch;
        int sampleLength = _network.InputLength;
        _progress.BeginEpoch(epoch, _options.Epochs, steps);
        double lossSum = 0;
        long samples = 0, correct = 0;
        float rate = _optimizer.LearningRate;
        for (int step = 1; ; step++)
        {
            int count = _batches.Next();
            if (count == 0) break;
            Span<float> inputs = _batches.Inputs.AsSpan(0, count * sampleLength);
            ReadOnlySpan<int> labels = _batches.Labels.AsSpan(0, count);
            _options.Augmentation?.Apply(inputs, _inputShape, count, _augmentationRandom);
            rate = _options.Schedule?.ApplyTo(_optimizer) ?? _optimizer.LearningRate;
            if (_accuracy is not null) correct += _accuracy.CountCorrect(count);
            if (_tensorBoard is { WantsSample: true }) _tensorBoard.RememberSample(inputs[..sampleLength]);
            float loss;
            try
            {
                loss = _network.TrainStep(inputs, labels, _optimizer);
            }
            catch (InvalidOperationException e)
            {
                throw new TrainingStepException(epoch, step, steps, _globalStep + 1, e);
            }
            _globalStep++;
            _tensorBoard?.Step(_globalStep, loss, rate);
            lossSum += (double)loss * count;
            samples += count;
            _progress.Step(step, samples, lossSum / samples);
        }
        double trainSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double? validationLoss = null, validationAccuracy = null;
        if (_validation is not null)
        {
            validationLoss = Evaluation.MeanLoss(_network, _validation);
            validationAccuracy = Evaluation.Accuracy(_network, _validation);
        }
        return new EpochMetrics(
            epoch,
            steps,
            lossSum / samples,
            _accuracy is null ? null : (double)correct / samples,
            validationLoss,
            validationAccuracy,
            rate,
            Stopwatch.GetElapsedTime(start).TotalSeconds,
            trainSeconds > 0 ? samples / trainSeconds : 0);
    }

    private void SaveCheckpoint(string directory, int epoch)
    {
        Directory.CreateDirectory(directory);
        var state = new TrainingCheckpoint(
            epoch, _globalStep, _batches.Random.State, _augmentationRandom.State, _history, _earlyStopping?.GetState());
        Checkpoint.Save(Path.Combine(directory, Checkpoint.FileName(epoch)), _network, _optimizer, state);
    }

    private void Resume(PendingCheckpoint resume, string path)
    {
        resume.Commit(_network, _optimizer);
        TrainingCheckpoint checkpoint = resume.State;
        _batches.Random.State = checkpoint.ShuffleRandom;
        _augmentationRandom.State = checkpoint.AugmentationRandom;
        _history = checkpoint.History;
        _completedEpochs = checkpoint.Epoch;
        _globalStep = checkpoint.GlobalStep;
        if (_earlyStopping is not null && checkpoint.EarlyStopping is { } state) _earlyStopping.SetState(state);
        _progress.Message(string.Create(CultureInfo.InvariantCulture,
            $"Resumed from {path} after epoch {checkpoint.Epoch} (global step {checkpoint.GlobalStep})."));
    }

    /// <summary>Independent generator seeds for the shuffles and the augmentation, both from the one user seed.</summary>
    internal static ulong StreamSeed(ulong seed, ulong stream) => seed ^ (stream * 0x9E3779B97F4A7C15UL);
}
