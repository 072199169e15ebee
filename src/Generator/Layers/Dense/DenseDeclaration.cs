using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[Dense(units)]: flattens a spatial input (channel-major, as torch.flatten); fused activation, bias.</summary>
internal sealed class DenseDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Dense];

    public IReadOnlyList<string> AttributeNames { get; } = ["Dense"];

    public LayerDecl? Parse(LayerReading reading)
    {
        int units = reading.Positive("units", "units");
        ActivationKind activation = reading.Activation();
        return reading.Failed ? null : reading.Simple(LayerKind.Dense, units, activation, reading.Bool("UseBias", true));
    }

    public string NamePrefix(LayerDecl layer) => "dense";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => SinglePlan.Add(context, builder, name, Plan);

    /// <summary>One dense layer's plan: inputs × units weights, refused when over the generator's limit.</summary>
    public static LayerPlan? Plan(LayerContext context)
    {
        long inputs = context.Input.Length;
        int units = context.Layer.Units;
        long weights = inputs * units;
        if (weights > ShapeInference.MaxParameters)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.NetworkTooLarge, context.Location, context.NetworkName,
                $"the weight count of {context.Label} ({ShapeInference.Count(inputs)} inputs × {ShapeInference.Count(units)} units)", ShapeInference.Count(weights), ShapeInference.Count(ShapeInference.MaxParameters)));
            return null;
        }
        return context.Plan(Shape.Of(units), (int)weights, context.Layer.UseBias ? units : 0, 2 * weights);
    }

    public string Settings(LayerPlan layer) => layer.Decl.UseBias ? $"{layer.Decl.Units} units" : $"{layer.Decl.Units} units, no bias";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => TensorSpec.WeightAndBias(layer, layer.Output.Channels, (int)layer.Input.Length);

    /// <summary>Units, bias and the fused activation (a spatial input is flattened channel-major first).</summary>
    public IEnumerable<SettingSpec> Structure(LayerPlan layer)
    {
        yield return SettingSpec.Int("units", layer.Decl.Units);
        yield return SettingSpec.Bool("bias", layer.Decl.UseBias);
        foreach (SettingSpec setting in SettingSpec.Activation(layer.Decl)) yield return setting;
    }
}
