using System;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>Shape inference of a layer that becomes one plan: the common shapes of <see cref="ILayerDeclaration.Infer"/>.</summary>
internal static class SinglePlan
{
    /// <summary>
    /// Adds the plan <paramref name="infer"/> makes; a fused GELU, Hardsigmoid, Hardswish or SiLU (whose backward needs
    /// its input, which the layer's own output overwrites: <see cref="ActivationLayer.NeedsInput"/>) becomes an activation
    /// layer of its own after it, named after the function (<c>name.gelu</c>, <c>name.silu</c>, …).
    /// </summary>
    public static bool Add(LayerContext context, PlanBuilder builder, string name, Func<LayerContext, LayerPlan?> infer, int stateCount = 0)
    {
        LayerDecl layer = context.Layer;
        bool splitActivation = ActivationLayer.NeedsInput(layer.Activation) && layer.Kind != LayerKind.Activation;
        if (splitActivation) context = context.With(layer with { Activation = ActivationKind.None });
        LayerPlan? plan = infer(context);
        if (plan is null) return false;
        builder.Add(plan, name, stateCount: stateCount);
        if (splitActivation)
        {
            string function = layer.Activation.ToString();
            LayerDecl activation = CompositeLayers.Hidden(LayerKind.Activation, function) with { Activation = layer.Activation };
            builder.Add(context.With(activation, plan.Output).Plan(plan.Output, 0, 0, 0), name + "." + function.ToLowerInvariant());
        }
        return true;
    }

    /// <summary>A plan with the given output shape and no parameters.</summary>
    public static LayerPlan Plain(LayerContext context, Shape output) => context.Plan(output, 0, 0, 0);
}
