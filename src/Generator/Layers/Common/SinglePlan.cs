using System;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>Shape inference of a layer that becomes one plan: the common shapes of <see cref="ILayerDeclaration.Infer"/>.</summary>
internal static class SinglePlan
{
    /// <summary>
    /// Adds the plan <paramref name="infer"/> makes; a fused GELU (whose backward needs its input, which the layer's own
    /// output overwrites) becomes a GELU layer of its own after it, named <c>name.gelu</c>.
    /// </summary>
    public static bool Add(LayerContext context, PlanBuilder builder, string name, Func<LayerContext, LayerPlan?> infer, int stateCount = 0)
    {
        LayerDecl layer = context.Layer;
        bool splitActivation = layer.Activation == ActivationKind.GELU && layer.Kind != LayerKind.Activation;
        if (splitActivation) context = context.With(layer with { Activation = ActivationKind.None });
        LayerPlan? plan = infer(context);
        if (plan is null) return false;
        builder.Add(plan, name, stateCount: stateCount);
        if (splitActivation)
        {
            LayerDecl gelu = CompositeLayers.Hidden(LayerKind.Activation, "GELU") with { Activation = ActivationKind.GELU };
            builder.Add(context.With(gelu, plan.Output).Plan(plan.Output, 0, 0, 0), name + ".gelu");
        }
        return true;
    }

    /// <summary>A plan with the given output shape and no parameters.</summary>
    public static LayerPlan Plain(LayerContext context, Shape output) => context.Plan(output, 0, 0, 0);
}
