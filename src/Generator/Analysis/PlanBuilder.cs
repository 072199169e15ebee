using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>
/// Collects the network's layer plans in execution order: assigns parameter and state offsets, identifiers and the
/// wiring (which earlier output each layer reads), and remembers which plan holds each declared layer's output.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly List<LayerPlan> _plans = [];
    private readonly HashSet<string> _identifiers = [];
    private readonly Dictionary<string, int> _outputs = new(System.StringComparer.Ordinal);

    public long ParameterCount { get; private set; }

    public long StateCount { get; private set; }

    public long Flops { get; private set; }

    public IReadOnlyList<LayerPlan> Plans => _plans;

    /// <summary>The index of the last plan (the current output), or −1 for the network input.</summary>
    public int Last => _plans.Count - 1;

    /// <summary>The output shape of plan <paramref name="index"/> (−1: the network input).</summary>
    public Shape OutputOf(int index, Shape input) => index < 0 ? input : _plans[index].Output;

    /// <summary>
    /// Appends a plan reading plan <paramref name="inputFrom"/> (default: the previous one) and returns its index.
    /// <paramref name="stateCount"/> is the layer's non-trainable state (BatchNorm's 2·C + 1).
    /// </summary>
    public int Add(LayerPlan plan, string name, int? inputFrom = null, int skipFrom = -1, int stateCount = 0)
    {
        int index = _plans.Count;
        plan = plan with
        {
            Index = index,
            Name = name,
            Identifier = LayerNames.Identifier(name, _identifiers),
            WeightOffset = Clamp(ParameterCount),
            BiasOffset = Clamp(ParameterCount + plan.WeightCount),
            StateOffset = Clamp(StateCount),
            StateCount = stateCount,
            InputFrom = inputFrom ?? index - 1,
            SkipFrom = skipFrom,
        };
        ParameterCount += (long)plan.WeightCount + plan.BiasCount;
        StateCount += stateCount;
        Flops += plan.Flops;
        _plans.Add(plan);
        return index;
    }

    /// <summary>Marks plan <paramref name="index"/> as the output of the declared layer <paramref name="name"/> (for residual sources).</summary>
    public void Name(string name, int index) => _outputs[name] = index;

    public bool TryFind(string name, out int index) => _outputs.TryGetValue(name, out index);

    public IEnumerable<string> DeclaredNames => _outputs.Keys;

    public void Replace(int index, LayerPlan plan) => _plans[index] = plan;

    private static int Clamp(long value) => (int)System.Math.Min(value, int.MaxValue);
}
