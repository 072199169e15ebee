using CnnCompiler.Generator.Emit.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>The one emitter of each layer kind.</summary>
internal static class LayerEmitters
{
    private static readonly ILayerEmitter Conv = new ConvEmitter();
    private static readonly ILayerEmitter Pool = new PoolEmitter();
    private static readonly ILayerEmitter Dense = new DenseEmitter();
    private static readonly ILayerEmitter Flatten = new FlattenEmitter();
    private static readonly ILayerEmitter Activation = new ActivationEmitter();

    public static ILayerEmitter For(LayerPlan layer) => layer.Kind switch
    {
        LayerKind.Conv => Conv,
        LayerKind.MaxPool or LayerKind.AvgPool => Pool,
        LayerKind.Dense => Dense,
        LayerKind.Flatten => Flatten,
        _ => Activation,
    };
}
