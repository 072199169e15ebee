using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Flatten is a view: samples are already stored channel-major (torch.flatten's order), so its output is its input
/// buffer and it emits no kernel, only its section header and constants.
/// </summary>
internal sealed class FlattenLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Flatten];

    /// <summary>None: a view runs nothing, so it has no kernel to decide.</summary>
    public KernelPlan? Decide(LayerPlan layer) => null;

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public bool SharesClass(LayerPlan layer) => false;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        LayerDescription.EmitHeader(w, layer, "a view: the channel-major sample is already the flat vector, nothing runs");
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
