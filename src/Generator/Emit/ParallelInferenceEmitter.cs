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
                w.Line("FiniteValues.Require(inputs, InputLength, GetType().Name, nameof(inputs));");
                w.Line("EnterInference();");
                using (w.Block("try"))
                {
                    w.Line("if (_inferenceJob is null || _inferenceJob.Threads != threads) _inferenceJob = new InferenceJob(this, threads);");
                    w.Line("InferenceJob job = _inferenceJob;");
                    using (w.Block("for (int start = 0; start < count; start += job.Capacity)"))
                    {
                        w.Line("int n = Math.Min(job.Capacity, count - start);");
                        w.Line("inputs.Slice(start * InputLength, n * InputLength).CopyTo(job.Inputs);");
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
        w.Line("/// <summary>One batched inference split across workers: the inputs of up to <see cref=\"Capacity\"/> samples, each worker's workspace, the results.</summary>");
        using (w.Block($"private sealed class InferenceJob : IParallelWork"))
        {
            w.Line($"private readonly {name} _network;");
            w.Line("private readonly Workspace[] _workspaces;");
            w.Line("public readonly int Threads, Capacity;");
            w.Line("public readonly float[] Inputs, Outputs;");
            w.Line("public readonly int[] Labels;");
            w.Line("public int Count;");
            w.Line("public bool Labelling;");
            w.Line();
            using (w.Block($"public InferenceJob({name} network, int threads)"))
            {
                w.Line("_network = network;");
                w.Line("Threads = threads;");
                w.Line("Capacity = threads * InferenceChunk;");
                w.Line("_workspaces = new Workspace[threads];");
                w.Line("for (int t = 0; t < threads; t++) _workspaces[t] = new Workspace(InferenceChunk, training: false, network._state);");
                w.Line("Inputs = new float[Capacity * InputLength];");
                w.Line("Outputs = new float[Capacity * OutputLength];");
                w.Line("Labels = new int[Capacity];");
            }
            w.Line();
            w.Line("/// <summary>Worker <paramref name=\"worker\"/>'s contiguous share of the samples.</summary>");
            using (w.Block("public void Execute(int worker)"))
            {
                w.Line("int first = worker * Count / Threads, n = (worker + 1) * Count / Threads - first;");
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
