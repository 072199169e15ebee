using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>What inferring one layer needs: the declaration, its input shape, where to report, and a plan builder.</summary>
internal sealed class LayerContext(LayerDecl layer, string label, Shape input, LocationInfo location, List<DiagnosticInfo> diagnostics)
{
    public LayerDecl Layer { get; } = layer;

    /// <summary>How messages name this layer.</summary>
    public string Label { get; } = label;

    public Shape Input { get; } = input;

    public LocationInfo Location { get; } = location;

    public List<DiagnosticInfo> Diagnostics { get; } = diagnostics;

    /// <summary>A plan with shapes and counts; the network-level fields (index, name, offsets) are filled in by the caller.</summary>
    public LayerPlan Plan(Shape output, int weights, int biases, long flops,
        EquatableArray<int> stride = default, EquatableArray<int> padBegin = default, EquatableArray<int> padEnd = default) =>
        new(0, "", "", Layer, Input, output, stride, padBegin, padEnd, 0, weights, 0, biases, 0, 0, flops, false);
}
