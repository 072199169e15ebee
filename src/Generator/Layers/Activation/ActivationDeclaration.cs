using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>Stand-alone activations: [ReLU], [Sigmoid], [Tanh], [LeakyReLU(slope)], [ELU(alpha)], [GELU], [ReLU6], [Hardswish], [Hardsigmoid], [SiLU].</summary>
internal sealed class ActivationDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Activation];

    public IReadOnlyList<string> AttributeNames { get; } = ["ReLU", "Sigmoid", "Tanh", "LeakyReLU", "ELU", "GELU", "ReLU6", "Hardswish", "Hardsigmoid", "SiLU"];

    /// <summary>The activation each attribute declares.</summary>
    private static readonly Dictionary<string, ActivationKind> Activations = new(System.StringComparer.Ordinal)
    {
        ["ReLU"] = ActivationKind.ReLU, ["Sigmoid"] = ActivationKind.Sigmoid, ["Tanh"] = ActivationKind.Tanh,
        ["LeakyReLU"] = ActivationKind.LeakyReLU, ["ELU"] = ActivationKind.ELU, ["GELU"] = ActivationKind.GELU,
        ["ReLU6"] = ActivationKind.ReLU6, ["Hardswish"] = ActivationKind.Hardswish, ["Hardsigmoid"] = ActivationKind.Hardsigmoid,
        ["SiLU"] = ActivationKind.SiLU,
    };

    public LayerDecl? Parse(LayerReading reading)
    {
        ActivationKind activation = Activations[reading.KindName];
        // LeakyReLU's slope and ELU's α are their attributes' arguments (PyTorch's defaults when left out).
        float alpha = activation switch
        {
            ActivationKind.LeakyReLU => reading.Float("negativeSlope", 0.01f, value => !float.IsNaN(value) && !float.IsInfinity(value), "negativeSlope", "a finite number"),
            ActivationKind.ELU => reading.Float("alpha", 1f, value => value > 0f && !float.IsInfinity(value), "alpha", "finite and greater than 0"),
            _ => 0f,
        };
        return reading.Failed ? null : reading.Simple(LayerKind.Activation, activation: activation) with { Alpha = alpha };
    }

    public string NamePrefix(LayerDecl layer) => layer.Activation.ToString().ToLowerInvariant();

    public bool Infer(LayerContext context, PlanBuilder builder, string name) => SinglePlan.Add(context, builder, name, c => SinglePlan.Plain(c, c.Input));

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => SettingSpec.Activation(layer.Decl);
}
