using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// Per-layer timing: the passes call <c>Lap</c> after every layer, which does nothing unless the workspace carries a
/// timings array (only <c>ProfileLayers</c> sets one), and <c>ProfileLayers</c> turns the sums into a table.
/// </summary>
internal static class ProfilingEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network, LossApi loss)
    {
        string targets = loss.Targets;
        w.Line("/// <summary>");
        w.Line("/// Times every layer: one untimed gradient computation on <paramref name=\"inputs\"/>, then <paramref name=\"repeats\"/> timed ones, in");
        w.Line("/// training mode, on <paramref name=\"threads\"/> workers (1: the calling thread; more: the first worker's share is timed, which");
        w.Line("/// shows what sharing the cores and memory costs each layer). Returns one entry per layer of <see cref=\"LayerList\"/> with its mean");
        w.Line("/// forward and backward time. Overwrites <see cref=\"Gradients\"/>; the parameters, BatchNorm statistics and dropout generator");
        w.Line("/// are left as they were.");
        w.Line("/// </summary>");
        using (w.Block($"public LayerTiming[] ProfileLayers(ReadOnlySpan<float> inputs, ReadOnlySpan<{loss.TargetType}> {targets}, int repeats = 10, int threads = 1)"))
        {
            w.Line("ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);");
            w.Line("ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);");
            w.Line("float[] state = (float[])_state.Clone();");
            w.Line("var random = _random.State;");
            w.Line("int savedThreads = _threads;");
            w.Line("_threads = threads;");
            w.Line($"var timings = new long[2 * {network.Layers.Count}];");
            using (w.Block("try"))
            {
                w.Line($"ComputeGradients(inputs, {targets});");
                w.Line("// ComputeGradients runs on one thread when the batch has fewer samples than threads.");
                w.Line("Workspace timed = Math.Min(threads, inputs.Length / InputLength) > 1 ? _trainingWorkers![0].Workspace : _trainingWorkspace!;");
                w.Line("timed.Timings = timings;");
                w.Line($"for (int r = 0; r < repeats; r++) ComputeGradients(inputs, {targets});");
            }
            using (w.Block("finally"))
            {
                w.Line("if (_trainingWorkspace is not null) _trainingWorkspace.Timings = null;");
                w.Line("if (_trainingWorkers is not null) _trainingWorkers[0].Workspace.Timings = null;");
                w.Line("_threads = savedThreads;");
                w.Line("state.CopyTo(_state, 0);");
                w.Line("_random.State = random;");
            }
            w.Line("double microseconds = 1e6 / Stopwatch.Frequency / repeats;");
            w.Line($"var result = new LayerTiming[{network.Layers.Count}];");
            using (w.Block("for (int i = 0; i < result.Length; i++)"))
            {
                w.Line("LayerInfo layer = LayerList[i];");
                w.Line($"result[i] = new LayerTiming(layer.Name, layer.Kind, layer.Flops, timings[i] * microseconds, timings[{network.Layers.Count} + i] * microseconds);");
            }
            w.Line("return result;");
        }
        w.Line();
        w.Line("/// <summary>Adds the time since <paramref name=\"mark\"/> to <paramref name=\"slot\"/> when profiling (ProfileLayers); otherwise nothing.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block("private static void Lap(long[]? timings, int slot, ref long mark)"))
        {
            w.Line("if (timings is null) return;");
            w.Line("long now = Stopwatch.GetTimestamp();");
            w.Line("timings[slot] += now - mark;");
            w.Line("mark = now;");
        }
    }
}
