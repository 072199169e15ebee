using System.Globalization;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

public sealed partial class Network<TDefinition, TLoss, TTarget>
{
    private TrainingWorker[]? _trainingWorkers;
    private TrainingJob? _trainingJob;
    private float[]? _stateBeforeStep;

    /// <summary>
    /// Forward and backward over a batch in training mode: the gradient of the mean loss goes to <see cref="Gradients"/>
    /// and the mean loss is returned. Training mode means what PyTorch's <c>model.train()</c> means: BatchNorm normalizes
    /// with the batch's statistics and updates its running statistics (<see cref="State"/>), and Dropout drops.
    /// <paramref name="inputGradients"/> (optional, same layout as the inputs) receives the gradient of the mean loss
    /// with respect to every input value; <paramref name="logits"/> (optional, N × output length) receives the raw
    /// outputs of this training-mode forward pass.
    /// </summary>
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, Span<float> inputGradients, Span<float> logits)
    {
        int count = SampleCount(inputs, nameof(inputs));
        TLoss.RequireTargets(targets, count, OutputLength, TDefinition.Name);
        if (!inputGradients.IsEmpty) RequireLength(inputGradients.Length, inputs.Length, nameof(inputGradients), "the same length as the inputs");
        if (!logits.IsEmpty && logits.Length != count * OutputLength)
        {
            RequireLength(logits.Length, count * OutputLength, nameof(logits), string.Create(CultureInfo.InvariantCulture, $"{count} sample(s) × {OutputLength} outputs"));
        }
        RequireFinite(inputs, nameof(inputs));
        EnterTraining();
        try
        {
            ulong stepSeed = _random.NextUInt64();
            int threads = Math.Min(_threads, count);
            if (threads > 1 && inputGradients.IsEmpty) return ComputeGradientsInParallel(inputs, targets, logits, count, threads, stepSeed);
            if (_trainingWorkspace is null || _trainingWorkspace.Capacity < count) _trainingWorkspace = TDefinition.CreateWorkspace(count, training: true, _state);
            _trainingWorkspace.StepSeed = stepSeed;
            Array.Clear(_gradients);
            float scale = 1f / TLoss.MeanDivisor(count, OutputLength);
            float loss = TrainingPass(_trainingWorkspace, inputs, targets, inputGradients, _gradients, count, scale) * scale;
            if (!logits.IsEmpty) _trainingWorkspace.Logits.AsSpan(0, count * OutputLength).CopyTo(logits);
            return loss;
        }
        finally
        {
            ExitTraining();
        }
    }

    /// <summary>
    /// One optimization step on a mini-batch: <see cref="ComputeGradients"/>, then <paramref name="optimizer"/> updates
    /// <see cref="Parameters"/> (frozen layers excepted). Returns the batch's mean loss. A NaN or infinite loss or
    /// gradient throws before the update, leaving the parameters and BatchNorm statistics as they were.
    /// </summary>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        // What the step's forward pass moves besides the parameters (BatchNorm statistics, the dropout generator) is put
        // back if the step is refused, so that a refused step changes nothing.
        var random = _random.State;
        if (_state.Length > 0)
        {
            _stateBeforeStep ??= new float[_state.Length];
            _state.CopyTo(_stateBeforeStep, 0);
        }
        float loss = ComputeGradients(inputs, targets, default, default);
        if (!float.IsFinite(loss) || !TensorPrimitives.IsFiniteAll(_gradients))
        {
            Restore(random);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{TDefinition.Name}: the mini-batch loss is {loss}{(float.IsFinite(loss) ? " but a gradient is not finite" : "")}; the parameters were not updated. Lower the learning rate or check the inputs for NaN or infinite values."));
        }
        EnterTraining();
        try
        {
            CopyFrozenParameters(restore: false);
            try
            {
                optimizer.Step(_parameters, _gradients);
            }
            catch
            {
                // The optimizer refused the update (it leaves the parameters and its own state as they were).
                CopyFrozenParameters(restore: true);
                Restore(random);
                throw;
            }
            CopyFrozenParameters(restore: true);
        }
        finally
        {
            ExitTraining();
        }
        return loss;
    }

    /// <summary>Puts back the BatchNorm statistics and the dropout generator as they were before a refused step.</summary>
    private void Restore((ulong, ulong, ulong, ulong) random)
    {
        if (_state.Length > 0) _stateBeforeStep!.CopyTo(_state, 0);
        _random.State = random;
    }

    /// <summary>Forward, loss and backward over <paramref name="count"/> samples; returns their summed loss. <paramref name="scale"/> makes it the batch mean.</summary>
    private float TrainingPass(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, Span<float> inputGradients, Span<float> parameterGradients, int count, float scale)
    {
        TDefinition.Forward(workspace, _parameters, inputs, count, fold: true);
        ReadOnlySpan<float> logits = workspace.Logits.AsSpan(0, count * OutputLength);
        Span<float> probabilities = workspace.Probabilities.AsSpan(0, count * OutputLength);
        float total = TLoss.Forward(logits, targets, probabilities, OutputLength);
        // The loss is the mean over the whole batch, so each sample's share of the gradient carries the scale.
        TLoss.Backward(logits, targets, probabilities, workspace.LogitGradients, OutputLength, scale);
        TDefinition.Backward(workspace, _parameters, inputs, inputGradients, parameterGradients, count, _frozen, _firstTrainable);
        return total;
    }

    /// <summary>Splits the batch into contiguous slices, one per worker, and sums the workers' gradients in worker order.</summary>
    private float ComputeGradientsInParallel(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, Span<float> logits, int count, int threads, ulong stepSeed)
    {
        int perSample = TLoss.TargetsPerSample(OutputLength);
        int perWorker = (count + threads - 1) / threads;
        threads = (count + perWorker - 1) / perWorker;
        if (_trainingWorkers is null || _trainingWorkers.Length != threads || _trainingWorkers[0].Capacity < perWorker)
        {
            // BatchNorm's batch statistics need every worker's partial sums: two regions (forward, backward) per state slot.
            SyncGroup? sync = TDefinition.StateCount > 0 ? new SyncGroup(threads, 2 * TDefinition.StateCount) : null;
            _trainingWorkers = new TrainingWorker[threads];
            for (int t = 0; t < threads; t++) _trainingWorkers[t] = new TrainingWorker(perWorker, t, sync, _state);
            _trainingJob = new TrainingJob(this, _trainingWorkers);
        }
        TrainingWorker[] workers = _trainingWorkers;
        float scale = 1f / TLoss.MeanDivisor(count, OutputLength);
        for (int t = 0; t < threads; t++)
        {
            TrainingWorker worker = workers[t];
            int start = t * perWorker;
            worker.Count = Math.Min(perWorker, count - start);
            worker.Scale = scale;
            worker.Workspace.StepSeed = stepSeed;
            worker.Workspace.SampleOffset = start;
            inputs.Slice(start * InputLength, worker.Count * InputLength).CopyTo(worker.Inputs);
            targets.Slice(start * perSample, worker.Count * perSample).CopyTo(worker.Targets);
        }
        try
        {
            WorkerPool.Shared(threads).Run(_trainingJob!);
        }
        catch
        {
            // A failed worker aborted the BatchNorm barrier; the next step starts with new workers and a new one.
            _trainingWorkers = null;
            throw;
        }
        workers[0].Gradients.CopyTo(_gradients, 0);
        double loss = workers[0].LossSum;
        for (int t = 1; t < threads; t++)
        {
            TensorPrimitives.Add(_gradients, workers[t].Gradients, _gradients);
            loss += workers[t].LossSum;
        }
        if (!logits.IsEmpty)
        {
            for (int t = 0; t < threads; t++)
            {
                int n = workers[t].Count;
                workers[t].Workspace.Logits.AsSpan(0, n * OutputLength).CopyTo(logits.Slice(t * perWorker * OutputLength));
            }
        }
        return (float)(loss * scale);
    }

    private void RunTrainingWorker(TrainingWorker worker)
    {
        try
        {
            Array.Clear(worker.Gradients);
            int n = worker.Count;
            int perSample = TLoss.TargetsPerSample(OutputLength);
            worker.LossSum = TrainingPass(worker.Workspace, worker.Inputs.AsSpan(0, n * InputLength), worker.Targets.AsSpan(0, n * perSample), default, worker.Gradients, n, worker.Scale);
        }
        catch
        {
            // The other workers would wait for this one at the next BatchNorm barrier forever.
            worker.Workspace.Sync?.Abort();
            throw;
        }
    }

    /// <summary>One worker's share of a training step: its samples, workspace, gradient buffer and summed loss.</summary>
    private sealed class TrainingWorker
    {
        public readonly int Capacity;
        public readonly Workspace Workspace;
        public readonly float[] Gradients = new float[TDefinition.ParameterCount];
        public readonly float[] Inputs;
        public readonly TTarget[] Targets;
        public int Count;
        public float Scale;
        public float LossSum;

        public TrainingWorker(int capacity, int worker, SyncGroup? sync, float[] state)
        {
            Capacity = capacity;
            Workspace = TDefinition.CreateWorkspace(capacity, training: true, state);
            Workspace.Worker = worker;
            Workspace.Sync = sync;
            Inputs = new float[capacity * InputLength];
            Targets = new TTarget[capacity * TLoss.TargetsPerSample(OutputLength)];
        }
    }

    private sealed class TrainingJob(Network<TDefinition, TLoss, TTarget> network, TrainingWorker[] workers) : IParallelWork
    {
        public void Execute(int worker) => network.RunTrainingWorker(workers[worker]);
    }
}
