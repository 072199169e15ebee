using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// Batched Predict and Classify across the network's <c>Threads</c>: the batch is split into one contiguous share per
/// worker, each worker runs the forward pass on its share in a workspace of its own, and the results are copied out.
/// Single samples and small batches stay on the calling thread, as does any call that finds the workers busy with
/// another call on the same instance (concurrent callers then run side by side on their own threads).
/// </summary>
internal static class ParallelInferenceEmitter
{
    public static void EmitFields(CodeWriter w)
    {
        w.Line("/// <summary>Fewest samples per worker for which a batch is split across threads: below it the hand-off costs more than it saves.</summary>");
        w.Line("private const int ParallelMinimum = 8;");
        w.Line("private InferenceJob? _inferenceJob;");
        w.Line("private int _parallelInference;");
    }

    public static void EmitMembers(CodeWriter w, NetworkPlan network, LossApi loss)
    {
        LayerPlan last = network.Layers[network.Layers.Count - 1];
        string name = network.Type.Name;
        w.Line("/// <summary>");
        w.Line("/// Runs a batch on up to <see cref=\"Threads\"/> workers when it has at least <see cref=\"ParallelMinimum\"/> samples per worker");
        w.Line("/// and no other call on this instance holds the workers: fills <paramref name=\"labels\"/> when it is not empty, else");
        w.Line("/// <paramref name=\"outputs\"/>, and returns true. Otherwise returns false and the caller runs on its own thread. Both");
        w.Line("/// ways give bitwise the same results: no sample's arithmetic depends on the samples that share its chunk.");
        w.Line("/// </summary>");
        using (w.Block("private bool TryInferInParallel(ReadOnlySpan<float> inputs, Span<float> outputs, Span<int> labels, int count)"))
        {
            w.Line("int threads = Math.Min(_threads, count / ParallelMinimum);");
            w.Line("// A call from inside a worker (a batch of a training step being classified) stays on its thread.");
            w.Line("if (threads < 2 || WorkerPool.IsInsideWork || Interlocked.CompareExchange(ref _parallelInference, 1, 0) != 0) return false;");
            using (w.Block("try"))
            {
                w.Line("FiniteValues.Require(inputs, InputLength, NetworkName, nameof(inputs));");
                w.Line("EnterInference();");
                using (w.Block("try"))
                {
                    w.Line("// Sized for every thread the network may use, so that batches of other sizes reuse it.");
                    w.Line("if (_inferenceJob is null || _inferenceJob.Workers < _threads) _inferenceJob = new InferenceJob(this, _threads);");
                    w.Line("InferenceJob job = _inferenceJob;");
                    w.Line("int chunk = threads * InferenceChunk;");
                    using (w.Block("for (int start = 0; start < count; start += chunk)"))
                    {
                        w.Line("int n = Math.Min(chunk, count - start);");
                        w.Line("inputs.Slice(start * InputLength, n * InputLength).CopyTo(job.Inputs);");
                        w.Line("job.Active = threads;");
                        w.Line("job.Count = n;");
                        w.Line("job.Labelling = !labels.IsEmpty;");
                        w.Line("WorkerPool.Shared(threads).Run(job);");
                        w.Line("if (labels.IsEmpty) job.Outputs.AsSpan(0, n * OutputLength).CopyTo(outputs.Slice(start * OutputLength));");
                        w.Line("else job.Labels.AsSpan(0, n).CopyTo(labels.Slice(start));");
                    }
                }
                using (w.Block("finally")) w.Line("Interlocked.Decrement(ref _inferenceCalls);");
            }
            using (w.Block("finally")) w.Line("Volatile.Write(ref _parallelInference, 0);");
            w.Line("return true;");
        }
        w.Line();
        w.Line("/// <summary>One batched inference split across workers: room for <see cref=\"InferenceChunk\"/> samples per worker, each worker's workspace, the results.</summary>");
        using (w.Block($"private sealed class InferenceJob : IParallelWork"))
        {
            w.Line($"private readonly {network.Type.Identifier} _network;");
            w.Line("private readonly Workspace[] _workspaces;");
            w.Line("public readonly int Workers;");
            w.Line("public readonly float[] Inputs, Outputs;");
            w.Line("public readonly int[] Labels;");
            w.Line("/// <summary>Workers of the current run (at most <see cref=\"Workers\"/>) and its samples.</summary>");
            w.Line("public int Active, Count;");
            w.Line("public bool Labelling;");
            w.Line();
            using (w.Block($"public InferenceJob({network.Type.Identifier} network, int workers)"))
            {
                w.Line("_network = network;");
                w.Line("Workers = workers;");
                w.Line("_workspaces = new Workspace[workers];");
                w.Line("for (int t = 0; t < workers; t++) _workspaces[t] = new Workspace(InferenceChunk, training: false, network._state);");
                w.Line("Inputs = new float[workers * InferenceChunk * InputLength];");
                w.Line("Outputs = new float[workers * InferenceChunk * OutputLength];");
                w.Line("Labels = new int[workers * InferenceChunk];");
            }
            w.Line();
            w.Line("/// <summary>Worker <paramref name=\"worker\"/>'s contiguous share of the samples.</summary>");
            using (w.Block("public void Execute(int worker)"))
            {
                w.Line("int first = worker * Count / Active, n = (worker + 1) * Count / Active - first;");
                w.Line("if (n == 0) return;");
                w.Line("Workspace workspace = _workspaces[worker];");
                w.Line("_network.Forward(workspace, Inputs.AsSpan(first * InputLength, n * InputLength), n);");
                w.Line($"ReadOnlySpan<float> raw = workspace.{last.Identifier}Output.AsSpan(0, n * OutputLength);");
                w.Line("if (Labelling) ArgMax.Rows(raw, Labels.AsSpan(first, n), OutputLength);");
                w.Line($"else {loss.PredictTransform("raw", "Outputs.AsSpan(first * OutputLength, n * OutputLength)")}");
            }
        }
    }
}
