namespace CnnCompiler.CompilerServices;

public sealed partial class Network<TDefinition, TLoss, TTarget>
{
    /// <summary>Fewest samples per worker for which a batch is split across threads: below it the hand-off costs more than it saves.</summary>
    public const int ParallelMinimum = 8;

    private InferenceJob? _inferenceJob;
    private int _parallelInference;

    /// <summary>
    /// Runs a batch on up to <see cref="Threads"/> workers when it has at least <see cref="ParallelMinimum"/> samples per
    /// worker and no other call on this instance holds the workers: fills <paramref name="labels"/> or
    /// <paramref name="outputs"/> and returns true. Otherwise returns false and the caller runs on its own thread. Both
    /// ways give bitwise the same results: no sample's arithmetic depends on the samples that share its chunk.
    /// </summary>
    private bool TryInferInParallel(ReadOnlySpan<float> inputs, Span<float> outputs, Span<int> labels, InferenceResult result, int count)
    {
        int threads = Math.Min(_threads, count / ParallelMinimum);
        // A call from inside a worker (a batch of a training step being classified) stays on its thread.
        if (threads < 2 || WorkerPool.IsInsideWork || Interlocked.CompareExchange(ref _parallelInference, 1, 0) != 0) return false;
        try
        {
            RequireFinite(inputs, nameof(inputs));
            EnterInference();
            try
            {
                // Sized for every thread the network may use, so that batches of other sizes reuse it.
                if (_inferenceJob is null || _inferenceJob.Workers < _threads) _inferenceJob = new InferenceJob(this, _threads);
                InferenceJob job = _inferenceJob;
                int chunk = threads * InferenceChunk;
                for (int start = 0; start < count; start += chunk)
                {
                    int n = Math.Min(chunk, count - start);
                    inputs.Slice(start * InputLength, n * InputLength).CopyTo(job.Inputs);
                    job.Active = threads;
                    job.Count = n;
                    job.Result = result;
                    WorkerPool.Shared(threads).Run(job);
                    if (result == InferenceResult.Labels) job.Labels.AsSpan(0, n).CopyTo(labels.Slice(start));
                    else job.Outputs.AsSpan(0, n * OutputLength).CopyTo(outputs.Slice(start * OutputLength));
                }
            }
            finally
            {
                ExitInference();
            }
        }
        finally
        {
            Volatile.Write(ref _parallelInference, 0);
        }
        return true;
    }

    /// <summary>One batched inference split across workers: room for <see cref="InferenceChunk"/> samples per worker, each worker's workspace, the results.</summary>
    private sealed class InferenceJob : IParallelWork
    {
        private readonly Network<TDefinition, TLoss, TTarget> _network;
        private readonly Workspace[] _workspaces;
        public readonly int Workers;
        public readonly float[] Inputs, Outputs;
        public readonly int[] Labels;

        /// <summary>Workers of the current run (at most <see cref="Workers"/>) and its samples.</summary>
        public int Active, Count;

        public InferenceResult Result;

        public InferenceJob(Network<TDefinition, TLoss, TTarget> network, int workers)
        {
            _network = network;
            Workers = workers;
            _workspaces = new Workspace[workers];
            for (int t = 0; t < workers; t++) _workspaces[t] = TDefinition.CreateWorkspace(InferenceChunk, training: false, network._state);
            Inputs = new float[workers * InferenceChunk * InputLength];
            Outputs = new float[workers * InferenceChunk * OutputLength];
            Labels = new int[workers * InferenceChunk];
        }

        /// <summary>Worker <paramref name="worker"/>'s contiguous share of the samples.</summary>
        public void Execute(int worker)
        {
            int first = worker * Count / Active, n = (worker + 1) * Count / Active - first;
            if (n == 0) return;
            Workspace workspace = _workspaces[worker];
            TDefinition.Forward(workspace, _network._parameters, Inputs.AsSpan(first * InputLength, n * InputLength), n, fold: true);
            ReadOnlySpan<float> logits = workspace.Logits.AsSpan(0, n * OutputLength);
            if (Result == InferenceResult.Labels) ArgMax.Rows(logits, Labels.AsSpan(first, n), OutputLength);
            else WriteResults(logits, Outputs.AsSpan(first * OutputLength, n * OutputLength), Result);
        }
    }
}
