using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// How one layer kind is declared and what it becomes: the attributes that declare it, how their arguments read (each
/// bad value reported on its argument), the stem of its generated names, and the plans its shape inference adds.
/// Registered once in <see cref="LayerKinds"/>, beside the <see cref="ILayerKernel"/> that runs the kind's plans.
/// </summary>
internal interface ILayerDeclaration
{
    /// <summary>The layer kinds this unit declares.</summary>
    IReadOnlyList<LayerKind> Kinds { get; }

    /// <summary>The attribute names (without "Attribute") that declare the kind: Conv1D, Conv2D, Conv3D.</summary>
    IReadOnlyList<string> AttributeNames { get; }

    /// <summary>The declaration an attribute makes, or null when an argument was reported (<see cref="LayerReading.Failed"/>).</summary>
    LayerDecl? Parse(LayerReading reading);

    /// <summary>The stem of generated layer names (conv1, pool1, …).</summary>
    string NamePrefix(LayerDecl layer);

    /// <summary>Infers the layer's shapes, reporting shape errors, and adds its plans to <paramref name="builder"/>; false after an error.</summary>
    bool Infer(LayerContext context, PlanBuilder builder, string name);

    /// <summary>"6 filters 5×5, stride 1, padding 2 (same)": a plan's settings as headers and summaries state them (empty: none; a fused activation is added by the caller).</summary>
    string Settings(LayerPlan layer);

    /// <summary>A plan's tensors in state_dict order, with PyTorch's roles and shapes (conv weight: out×in×k…, dense: out×in).</summary>
    IEnumerable<TensorSpec> Tensors(LayerPlan layer);

    /// <summary>
    /// A plan's structure for tools that rebuild the network elsewhere (ONNX export), written into the layer table's
    /// <c>LayerSettings</c>: kernel, stride, padding, activation, epsilon, … (the runtime's LayerSettings lists each kind's).
    /// </summary>
    IEnumerable<SettingSpec> Structure(LayerPlan layer);
}
