using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>[BatchNorm]: per channel after convolutions, per feature after dense layers; Momentum, Epsilon.</summary>
internal sealed class BatchNormDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.BatchNorm];

    public IReadOnlyList<string> AttributeNames { get; } = ["BatchNorm"];

    public LayerDecl? Parse(LayerReading reading)
    {
        float momentum = reading.Float("Momentum", 0.1f, value => value >= 0f && value <= 1f, "Momentum", "between 0 and 1");
        float epsilon = reading.Float("Epsilon", 1e-5f, value => value > 0f && !float.IsInfinity(value), "Epsilon", "finite and greater than 0");
        return reading.Failed ? null : Declaration(momentum, epsilon) with { AttributeName = reading.KindName, Name = reading.Name };
    }

    /// <summary>A BatchNorm with these settings (composites add them with PyTorch's defaults: 0.1, 1e-5).</summary>
    public static LayerDecl Declaration(float momentum = 0.1f, float epsilon = 1e-5f) =>
        CompositeLayers.Hidden(LayerKind.BatchNorm, "BatchNorm") with { UseBias = true, Momentum = momentum, Epsilon = epsilon };

    public string NamePrefix(LayerDecl layer) => "bn";

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => SinglePlan.Add(context, builder, name, Plan, StateCount(context.Input));

    /// <summary>γ and β per channel; running mean, running variance and the batches tracked as state.</summary>
    public static LayerPlan Plan(LayerContext context) => context.Plan(context.Input, context.Input.Channels, context.Input.Channels, 0);

    public static int StateCount(Shape input) => 2 * input.Channels + 1;

    public string Settings(LayerPlan layer) => "";

    /// <summary>γ (weight) and β (bias), then running mean, running variance and the batches tracked, as nn.BatchNorm names them.</summary>
    public IEnumerable<TensorSpec> Tensors(LayerPlan layer)
    {
        int channels = layer.Output.Channels;
        yield return new TensorSpec("weight", "Parameters", layer.WeightOffset, EquatableArray.From(channels));
        yield return new TensorSpec("bias", "Parameters", layer.BiasOffset, EquatableArray.From(channels));
        yield return new TensorSpec("running_mean", "State", layer.StateOffset, EquatableArray.From(channels));
        yield return new TensorSpec("running_var", "State", layer.StateOffset + channels, EquatableArray.From(channels));
        yield return new TensorSpec("num_batches_tracked", "State", layer.StateOffset + 2 * channels, EquatableArray<int>.Empty);
    }

    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => [SettingSpec.Float("epsilon", layer.Decl.Epsilon), SettingSpec.Float("momentum", layer.Decl.Momentum)];
}
