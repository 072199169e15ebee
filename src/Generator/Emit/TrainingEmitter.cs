using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// Training entry points: ComputeGradients and TrainStep, data-parallel over the samples of a mini-batch. Each worker
/// has its own workspace and gradient buffer; BatchNorm statistics are shared through a <c>SyncGroup</c> so they cover
/// the whole batch; gradients are summed in worker order, so a given seed and thread count always give the same result.
/// </summary>
internal static class TrainingEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network, LayerPlan last, LossApi loss)
    {
        string name = network.Type.Name;
        string targetSpan = $"ReadOnlySpan<{loss.TargetType}> {loss.Targets}";
        string perSample = loss.TargetsPerSample;
        w.Line("/// <summary>");
        w.Line("/// Threads that share a training step's samples (default: every core). The result depends only on the seed and this");
        w.Line("/// count: the same count gives bitwise-identical training. Inference always runs on the calling thread.");
        w.Line("/// </summary>");
        using (w.Block("public int Threads"))
        {
            w.Line("get => _threads;");
            w.Line("set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, \"Threads must be at least 1.\");");
        }
        w.Line();
        w.Line("private int _threads = Environment.ProcessorCount;");
        w.Line("private TrainingWorker[]? _trainingWorkers;");
        w.Line("private TrainingJob? _trainingJob;");
        w.Line();
        w.Line("/// <summary>Forward and backward over a batch in training mode: <see cref=\"Gradients\"/> receives the gradient of the mean loss, which is returned.</summary>");
        w.Line($"public float ComputeGradients(ReadOnlySpan<float> inputs, {targetSpan}) => ComputeGradients(inputs, {loss.Targets}, Span<float>.Empty);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Like <see cref=\"ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{" + loss.TargetType + "})\"/>, and also writes the gradient of the mean loss");
        w.Line("/// with respect to every input value into <paramref name=\"inputGradients\"/> (same layout as the inputs; empty to skip).");
        w.Line("/// </summary>");
        using (w.Block($"public float ComputeGradients(ReadOnlySpan<float> inputs, {targetSpan}, Span<float> inputGradients)"))
        {
            w.Line("int count = SampleCount(inputs.Length, nameof(inputs));");
            w.Line($"RequireTargets({loss.Targets}, count);");
            w.Line("if (!inputGradients.IsEmpty) RequireLength(inputGradients.Length, inputs.Length, nameof(inputGradients), \"the same length as the inputs\");");
            w.Line("FiniteValues.Require(inputs, InputLength, NetworkName, nameof(inputs));");
            w.Line("EnterTraining();");
            using (w.Block("try"))
            {
                w.Line("ulong stepSeed = _random.NextUInt64();");
                w.Line("int threads = Math.Min(_threads, count);");
                w.Line($"if (threads > 1 && inputGradients.IsEmpty) return ComputeGradientsInParallel(inputs, {loss.Targets}, count, threads, stepSeed);");
                w.Line("if (_trainingWorkspace is null || _trainingWorkspace.Capacity < count) _trainingWorkspace = new Workspace(count, training: true, _state);");
                w.Line("_trainingWorkspace.StepSeed = stepSeed;");
                w.Line("Array.Clear(_gradients);");
                w.Line($"float scale = 1f / {loss.MeanDivisor("count")};");
                w.Line($"return TrainingPass(_trainingWorkspace, inputs, {loss.Targets}, inputGradients, _gradients, count, scale) * scale;");
            }
            using (w.Block("finally")) w.Line("ExitTraining();");
        }
        w.Line();
        w.Line("/// <summary>Forward, loss and backward over <paramref name=\"count\"/> samples; returns their summed loss. <paramref name=\"scale\"/> makes it the batch mean.</summary>");
        using (w.Block($"private float TrainingPass(Workspace workspace, ReadOnlySpan<float> inputs, {targetSpan}, Span<float> inputGradients, Span<float> parameterGradients, int count, float scale)"))
        {
            string outputs = $"workspace.{last.Identifier}Output.AsSpan(0, count * OutputLength)";
            w.Line("Forward(workspace, inputs, count);");
            w.Line("Span<float> probabilities = workspace.Probabilities.AsSpan(0, count * OutputLength);");
            w.Line($"float total = {loss.Forward(outputs, loss.Targets, "probabilities")};");
            w.Line("// The loss is the mean over the whole batch, so each sample's share of the gradient carries the scale.");
            w.Line(loss.Backward(outputs, loss.Targets, "probabilities", $"workspace.{last.Identifier}Gradient", "scale"));
            w.Line("Backward(workspace, inputs, inputGradients, parameterGradients, count);");
            w.Line("return total;");
        }
        w.Line();
        w.Line("/// <summary>Splits the batch into contiguous slices, one per worker, and sums the workers' gradients in worker order.</summary>");
        using (w.Block($"private float ComputeGradientsInParallel(ReadOnlySpan<float> inputs, {targetSpan}, int count, int threads, ulong stepSeed)"))
        {
            w.Line("int perWorker = (count + threads - 1) / threads;");
            w.Line("threads = (count + perWorker - 1) / perWorker;");
            using (w.Block("if (_trainingWorkers is null || _trainingWorkers.Length != threads || _trainingWorkers[0].Capacity < perWorker)"))
            {
                w.Line("// BatchNorm's batch statistics need every worker's partial sums: two regions (forward, backward) per state slot.");
                w.Line("SyncGroup? sync = StateCount > 0 ? new SyncGroup(threads, 2 * StateCount) : null;");
                w.Line("_trainingWorkers = new TrainingWorker[threads];");
                w.Line("for (int t = 0; t < threads; t++) _trainingWorkers[t] = new TrainingWorker(perWorker, t, sync, _state);");
                w.Line("_trainingJob = new TrainingJob(this, _trainingWorkers);");
            }
            w.Line("TrainingWorker[] workers = _trainingWorkers;");
            w.Line($"float scale = 1f / {loss.MeanDivisor("count")};");
            using (w.Block("for (int t = 0; t < threads; t++)"))
            {
                w.Line("TrainingWorker worker = workers[t];");
                w.Line("int start = t * perWorker;");
                w.Line("worker.Count = Math.Min(perWorker, count - start);");
                w.Line("worker.Scale = scale;");
                w.Line("worker.Workspace.StepSeed = stepSeed;");
                w.Line("worker.Workspace.SampleOffset = start;");
                w.Line("inputs.Slice(start * InputLength, worker.Count * InputLength).CopyTo(worker.Inputs);");
                w.Line($"{loss.Targets}.Slice(start * {perSample}, worker.Count * {perSample}).CopyTo(worker.Targets);");
            }
            using (w.Block("try"))
            {
                w.Line("WorkerPool.Shared(threads).Run(_trainingJob!);");
            }
            using (w.Block("catch"))
            {
                w.Line("// A failed worker aborted the BatchNorm barrier; the next step starts with new workers and a new one.");
                w.Line("_trainingWorkers = null;");
                w.Line("throw;");
            }
            w.Line("workers[0].Gradients.CopyTo(_gradients, 0);");
            w.Line("double loss = workers[0].LossSum;");
            using (w.Block("for (int t = 1; t < threads; t++)"))
            {
                w.Line("TensorPrimitives.Add(_gradients, workers[t].Gradients, _gradients);");
                w.Line("loss += workers[t].LossSum;");
            }
            w.Line("return (float)(loss * scale);");
        }
        w.Line();
        using (w.Block("private void RunTrainingWorker(TrainingWorker worker)"))
        {
            using (w.Block("try"))
            {
                w.Line("Array.Clear(worker.Gradients);");
                w.Line("int n = worker.Count;");
                w.Line($"worker.LossSum = TrainingPass(worker.Workspace, worker.Inputs.AsSpan(0, n * InputLength), worker.Targets.AsSpan(0, n * {perSample}), Span<float>.Empty, worker.Gradients, n, worker.Scale);");
            }
            using (w.Block("catch"))
            {
                w.Line("// The other workers would wait for this one at the next BatchNorm barrier forever.");
                w.Line("worker.Workspace.Sync?.Abort();");
                w.Line("throw;");
            }
        }
        w.Line();
        w.Line("/// <summary>One worker's share of a training step: its samples, workspace, gradient buffer and summed loss.</summary>");
        using (w.Block("private sealed class TrainingWorker"))
        {
            w.Line("public readonly int Capacity;");
            w.Line("public readonly Workspace Workspace;");
            w.Line("public readonly float[] Gradients = new float[ParameterCount];");
            w.Line("public readonly float[] Inputs;");
            w.Line($"public readonly {loss.TargetType}[] Targets;");
            w.Line("public int Count;");
            w.Line("public float Scale;");
            w.Line("public float LossSum;");
            w.Line();
            using (w.Block("public TrainingWorker(int capacity, int worker, SyncGroup? sync, float[] state)"))
            {
                w.Line("Capacity = capacity;");
                w.Line("Workspace = new Workspace(capacity, training: true, state) { Worker = worker, Sync = sync };");
                w.Line("Inputs = new float[capacity * InputLength];");
                w.Line($"Targets = new {loss.TargetType}[capacity * {perSample}];");
            }
        }
        w.Line();
        using (w.Block($"private sealed class TrainingJob({network.Type.Identifier} network, TrainingWorker[] workers) : IParallelWork"))
        {
            w.Line("public void Execute(int worker) => network.RunTrainingWorker(workers[worker]);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One optimization step on a mini-batch: forward, backward, then <paramref name=\"optimizer\"/> updates <see cref=\"Parameters\"/>.");
        w.Line("/// Returns the batch's mean loss. A NaN or infinite loss throws before the update, leaving the parameters as they were.");
        w.Line("/// </summary>");
        using (w.Block($"public float TrainStep(ReadOnlySpan<float> inputs, {targetSpan}, IOptimizer optimizer)"))
        {
            w.Line("ArgumentNullException.ThrowIfNull(optimizer);");
            w.Line("if (_state.Length > 0) { _stateBeforeStep ??= new float[_state.Length]; _state.CopyTo(_stateBeforeStep, 0); }");
            w.Line($"float loss = ComputeGradients(inputs, {loss.Targets});");
            using (w.Block("if (!float.IsFinite(loss) || !TensorPrimitives.IsFiniteAll(Gradients))"))
            {
                w.Line("if (_state.Length > 0) _stateBeforeStep!.CopyTo(_state, 0);");
                w.Line($"throw new InvalidOperationException($\"{name}: the mini-batch loss is {{loss}}{{(float.IsFinite(loss) ? \" but a gradient is not finite\" : \"\")}}; the parameters were not updated. Lower the learning rate or check the inputs for NaN or infinite values.\");");
            }
            w.Line("EnterTraining();");
            using (w.Block("try"))
            {
                w.Line("CopyFrozenParameters(restore: false);");
                w.Line("optimizer.Step(_parameters, _gradients);");
                w.Line("CopyFrozenParameters(restore: true);");
            }
            using (w.Block("finally")) w.Line("ExitTraining();");
            w.Line("return loss;");
        }
    }
}
