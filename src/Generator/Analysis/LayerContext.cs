using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>What inferring one layer needs: the declaration, its input shape, where to report, and a plan builder.</summary>
internal sealed class LayerContext(LayerDecl layer, string label, Shape input, LayerLocations locations, List<DiagnosticInfo> diagnostics)
{
    public LayerDecl Layer { get; } = layer;

    /// <summary>How messages name this layer.</summary>
    public string Label { get; } = label;

    public Shape Input { get; } = input;

    /// <summary>The layer's attribute and the arguments written in it.</summary>
    public LayerLocations Locations { get; } = locations;

    /// <summary>The whole attribute, for problems of the layer as a whole.</summary>
    public LocationInfo Location => Locations.Attribute;

    /// <summary>The first of <paramref name="arguments"/> written in the attribute, else the attribute.</summary>
    public LocationInfo LocationOf(params string[] arguments) => Locations.Of(arguments);

    public List<DiagnosticInfo> Diagnostics { get; } = diagnostics;

    /// <summary>The network's class name, for limit messages (CNN0013 names the network).</summary>
    public string NetworkName { get; init; } = "";

    /// <summary>The network's input shape as [Network] declares it, and where that stands (for CNN0015's channels-first hint).</summary>
    public Shape? NetworkInput { get; init; }

    public LocationInfo? NetworkLocation { get; init; }

    /// <summary>The same layer position (label, location) for another declaration, for layers a composite expands into.</summary>
    public LayerContext With(LayerDecl layer, Shape? input = null) => new(layer, Label, input ?? Input, Locations, Diagnostics) { NetworkName = NetworkName, NetworkInput = NetworkInput, NetworkLocation = NetworkLocation };

    /// <summary>
    /// Infers a layer the generator adds itself (a projection shortcut) at this position: its warnings would be about
    /// code the user did not write, so only its errors reach the user.
    /// </summary>
    public LayerPlan? InferGenerated(LayerDecl layer, Shape input, System.Func<LayerContext, LayerPlan?> infer)
    {
        var own = new List<DiagnosticInfo>();
        LayerPlan? plan = infer(new LayerContext(layer, Label, input, Locations, own) { NetworkName = NetworkName, NetworkInput = NetworkInput, NetworkLocation = NetworkLocation });
        foreach (DiagnosticInfo diagnostic in own)
        {
            if (CnnCompiler.Generator.Diagnostics.Descriptors.ById(diagnostic.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error) Diagnostics.Add(diagnostic);
        }
        return plan;
    }

    /// <summary>A plan with shapes and counts; the network-level fields (index, name, offsets) are filled in by the caller.</summary>
    public LayerPlan Plan(Shape output, int weights, int biases, long flops,
        EquatableArray<int> stride = default, EquatableArray<int> padBegin = default, EquatableArray<int> padEnd = default) =>
        new(0, "", "", Layer, Input, output, stride, padBegin, padEnd, 0, weights, 0, biases, 0, 0, flops, false);
}
