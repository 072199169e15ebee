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
    private static readonly ILayerEmitter BatchNorm = new BatchNormEmitter();
    private static readonly ILayerEmitter Dropout = new DropoutEmitter();
    private static readonly ILayerEmitter GlobalPool = new GlobalPoolEmitter();
    private static readonly ILayerEmitter Add = new AddEmitter();

    public static ILayerEmitter For(LayerPlan layer) => layer.Kind switch
    {
        LayerKind.Conv => Conv,
        LayerKind.MaxPool or LayerKind.AvgPool => Pool,
        LayerKind.Dense => Dense,
        LayerKind.Flatten => Flatten,
        LayerKind.BatchNorm => BatchNorm,
        LayerKind.Dropout => Dropout,
        LayerKind.GlobalAvgPool or LayerKind.GlobalMaxPool => GlobalPool,
        LayerKind.Add => Add,
        _ => Activation,
    };
}
