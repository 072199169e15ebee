using System.Collections.Generic;
using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// How one layer kind runs, from its plan to its generated code: the kernel decision (strategies and tiles, recorded in
/// the plan), the kernel struct that carries it, the layer class with its Forward and Backward side by side, its
/// workspace arrays and its initialization. Every layer class has the same two entry points, so the passes call them
/// all alike: <c>Forward(parameters, input, output, workspace, count)</c> and
/// <c>Backward(parameters, input, output, outputGradient, inputGradient, parameterGradients, workspace, count)</c>;
/// an empty inputGradient means no layer before needs it. Registered once in <see cref="LayerKinds"/>.
/// </summary>
internal interface ILayerKernel
{
    /// <summary>The plan kinds this unit runs (pooling: max and average).</summary>
    IReadOnlyList<LayerKind> Kinds { get; }

    /// <summary>How <paramref name="layer"/> runs (its <see cref="KernelPlan"/> writes the kernel struct), or null for a view (nothing runs) or a kind whose code is emitted whole.</summary>
    KernelPlan? Decide(LayerPlan layer);

    IEnumerable<ScratchBuffer> Scratch(LayerPlan layer);

    /// <summary>
    /// Whether the layer's class holds nothing of its own (no parameter offsets, no workspace arrays of its own), so
    /// that every layer running the same kernel struct can call one class (ResNet's ReLUs and adds).
    /// </summary>
    bool SharesClass(LayerPlan layer);

    void EmitLayerClass(CodeWriter w, LayerPlan layer);

    /// <summary>Statements of <c>Initialize</c> that set this layer's parameters and state (from <c>random</c> where random).</summary>
    void EmitInitialization(CodeWriter w, LayerPlan layer);
}
