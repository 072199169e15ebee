using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>Inverted dropout as the runtime's <c>Dropout&lt;TShape&gt;</c> runs it: a seeded mask per sample, kept for backward.</summary>
/// <param name="Length">Floats per sample.</param>
/// <param name="Rate">The probability of zeroing a value.</param>
internal sealed record DropoutKernel(int Length, float Rate) : KernelPlan
{
    public override string NameStem => "DropoutKernel";

    public override string Describe() =>
        $"inverted dropout with rate {Format.FloatAsDouble(Rate)} over {Format.Grouped(Length)} values per sample, masks from the step's seed and each sample's place in the batch; a copy at inference";

    public override void EmitStruct(CodeWriter w, string name)
    {
        using (w.Block($"public readonly struct {name} : IDropoutShape"))
        {
            w.Line($"public static int Length => {Format.Int(Length)};");
            w.Line($"public static float Rate => {Format.Float(Rate)};");
        }
    }

    public static DropoutKernel For(LayerPlan layer) => new((int)layer.Output.Length, layer.Decl.Rate);
}
