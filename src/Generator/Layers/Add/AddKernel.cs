using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A residual add as the runtime's <c>ResidualAdd&lt;TShape&gt;</c> runs it: one element-wise pass each way.
/// <paramref name="FusesReLU"/> is the fused form: training writes the ReLU's output in the add's pass and masks the
/// gradient both inputs get.
/// </summary>
/// <param name="Length">Floats per sample.</param>
/// <param name="FusesReLU">Whether training runs the ReLU after it in its pass.</param>
internal sealed record AddKernel(int Length, bool FusesReLU) : KernelPlan
{
    public override string NameStem => "AddKernel";

    public override string Describe() =>
        $"x + skip, {Format.Grouped(Length)} values per sample, the gradient to both" + (FusesReLU ? "; the ReLU after it runs in its pass in training" : "");

    public override void EmitStruct(CodeWriter w, string name)
    {
        using (w.Block($"public readonly struct {name} : IResidualAddShape"))
        {
            w.Line($"public static int Length => {Format.Int(Length)};");
            w.Line($"public static bool FusesReLU => {Bool(FusesReLU)};");
        }
    }

    /// <summary>The decision: the layer's length and the fused form analysis chose (<see cref="LayerPlan.FusesNextReLU"/>).</summary>
    public static AddKernel For(LayerPlan layer) => new((int)layer.Output.Length, layer.FusesNextReLU);
}
