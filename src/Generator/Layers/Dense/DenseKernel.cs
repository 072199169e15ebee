using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A dense layer as the runtime's <c>Dense&lt;TShape&gt;</c> runs it: Y = X·Wᵀ as dot products along the inputs,
/// dW += dYᵀ·X and dX = dY·W as broadcast GEMMs, with the fused activation.
/// </summary>
internal sealed record DenseKernel(int Inputs, int Units, ActivationKind Activation, DotTile Forward, BroadcastTile WeightGradient, BroadcastTile InputGradient) : KernelPlan
{
    public override string NameStem => "DenseKernel";

    public override string Describe() =>
        $"Y[n×{Units}] = X[n×{Inputs}] · W[{Units}×{Inputs}]ᵀ as dot products ({Forward}); dW += dYᵀ · X ({WeightGradient}), dX = dY · W ({InputGradient})";

    public override void EmitStruct(CodeWriter w, string name)
    {
        using (w.Block($"public readonly struct {name} : IDenseShape"))
        {
            w.Line($"public static int Inputs => {Inputs};");
            w.Line($"public static int Units => {Units};");
            w.Line($"public static Activation Activation => Activation.{Activation};");
            Forward.Emit(w, "Forward");
            WeightGradient.Emit(w, "WeightGradient");
            InputGradient.Emit(w, "InputGradient");
        }
    }

    /// <summary>The decision: 2 × 4 dot products forward, broadcast tiles backward (see <see cref="GemmTiles"/>).</summary>
    public static DenseKernel For(LayerPlan layer)
    {
        int inputs = (int)layer.Input.Length, units = (int)layer.Output.Length;
        return new DenseKernel(inputs, units, layer.Decl.Activation,
            Forward: GemmTiles.Dot(0, units, inputs),
            WeightGradient: GemmTiles.Broadcast(units, inputs, accumulate: true),
            InputGradient: GemmTiles.Broadcast(0, inputs, accumulate: false));
    }
}
