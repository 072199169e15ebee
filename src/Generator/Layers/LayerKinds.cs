using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// The one table of layer kinds: every kind a plan can hold is run by exactly one unit here (LayerKindsTests checks
/// it), so adding a kind means adding its folder and one line below.
/// </summary>
internal static class LayerKinds
{
    public static readonly ILayerKernel[] All =
    [
        new ConvLayer(),
        new PoolLayer(),
        new DenseLayer(),
        new FlattenLayer(),
        new ActivationLayer(),
        new BatchNormLayer(),
        new DropoutLayer(),
        new GlobalPoolLayer(),
        new AddLayer(),
    ];

    private static readonly Dictionary<LayerKind, ILayerKernel> ByKind = Index();

    /// <summary>The unit that runs <paramref name="layer"/>'s kind.</summary>
    public static ILayerKernel For(LayerPlan layer) => ByKind[layer.Kind];

    private static Dictionary<LayerKind, ILayerKernel> Index()
    {
        var byKind = new Dictionary<LayerKind, ILayerKernel>();
        foreach (ILayerKernel unit in All)
        {
            foreach (LayerKind kind in unit.Kinds) byKind.Add(kind, unit);
        }
        return byKind;
    }
}
