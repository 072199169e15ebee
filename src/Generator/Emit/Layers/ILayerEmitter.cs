using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit.Layers;

/// <summary>
/// A workspace array a layer needs besides its output and output gradient (im2col columns, max-pool indices).
/// </summary>
/// <param name="Field">The workspace field name.</param>
/// <param name="ElementType">float or int.</param>
/// <param name="Length">Elements (per sample when <paramref name="PerSample"/>).</param>
/// <param name="PerSample">Whether the array holds one slice per sample of the batch.</param>
internal sealed record ScratchBuffer(string Field, string ElementType, long Length, bool PerSample);

/// <summary>
/// Emits one layer kind: a nested class with the layer's constants and its Forward and Backward side by side.
/// Every layer class has the same two entry points, so the network emitter calls them all alike:
/// <c>Forward(parameters, input, output, workspace, count)</c> and
/// <c>Backward(parameters, input, output, outputGradient, inputGradient, parameterGradients, workspace, count)</c>;
/// an empty inputGradient means no layer before needs it.
/// </summary>
internal interface ILayerEmitter
{
    IEnumerable<ScratchBuffer> Scratch(LayerPlan layer);

    void EmitLayerClass(CodeWriter w, LayerPlan layer);

    /// <summary>Statements of the network constructor that initialize this layer's parameters from <c>random</c>.</summary>
    void EmitInitialization(CodeWriter w, LayerPlan layer);
}
