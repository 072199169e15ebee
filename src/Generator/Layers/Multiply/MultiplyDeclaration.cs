using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Parsing;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// [Multiply("source")]: the squeeze-and-excitation gate. One factor is the previous layer's output, the other the
/// named layer's, as [Add] reads them; one of them is a per-channel vector (C, or C×1×…) broadcast over the other's
/// spatial axes, and the output has the other's shape.
/// </summary>
internal sealed class MultiplyDeclaration : ILayerDeclaration
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Multiply];

    public IReadOnlyList<string> AttributeNames { get; } = ["Multiply"];

    public LayerDecl? Parse(LayerReading reading)
    {
        string source = reading.Text("source") ?? "";
        if (source.Length == 0) reading.Report(Descriptors.NonConstantArgument, "source", "source", "the name of an earlier layer");
        return reading.Failed ? null : reading.Simple(LayerKind.Multiply) with { Source = source };
    }

    public string NamePrefix(LayerDecl layer) => "mul";

    public bool Infer(LayerContext context, PlanBuilder builder, string name)
    {
        LayerDecl layer = context.Layer;
        if (!builder.TryFind(layer.Source!, out int source))
        {
            string known = builder.DeclaredNames.Any() ? string.Join(", ", builder.DeclaredNames.Select(n => $"'{n}'")) : "none";
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnknownResidualSource, context.Location, context.Label, layer.Source!, known));
            return false;
        }
        int main = builder.Last;
        Shape mainShape = context.Input;
        Shape sourceShape = builder.OutputOf(source, context.NetworkInput!);
        bool sourceIsGate = IsVector(sourceShape);
        string? problem =
            !sourceIsGate && !IsVector(mainShape) ? "neither is a per-channel vector (C, or C×1×…) to broadcast over the other's spatial axes"
            : mainShape.Channels != sourceShape.Channels ? $"the gate needs one value per channel, and the channel counts differ ({mainShape.Channels} and {sourceShape.Channels})"
            : null;
        if (problem is not null)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.ResidualShapeMismatch, context.Location, context.Label, mainShape, sourceShape, layer.Source!, "multiplied", problem));
            return false;
        }
        Shape output = sourceIsGate ? mainShape : sourceShape;
        builder.Add(context.Plan(output, 0, 0, output.Length), name, main, source);
        return true;
    }

    /// <summary>One value per channel: no spatial axes, or all of size 1.</summary>
    private static bool IsVector(Shape shape) => shape.Length == shape.Channels;

    public string Settings(LayerPlan layer) => "";

    public IEnumerable<TensorSpec> Tensors(LayerPlan layer) => [];

    /// <summary>Nothing but its two inputs (LayerInfo.Inputs); which one is the gate follows from their shapes.</summary>
    public IEnumerable<SettingSpec> Structure(LayerPlan layer) => [];
}
