using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>Global pooling as the runtime's <c>GlobalPool&lt;TShape&gt;</c> runs it: each channel's plane reduced to one value.</summary>
/// <param name="Channels">Channels.</param>
/// <param name="Plane">Values per channel and sample.</param>
/// <param name="Maximum">Max pooling (the winner's index kept for backward) rather than the mean.</param>
internal sealed record GlobalPoolKernel(int Channels, int Plane, bool Maximum) : KernelPlan
{
    public override string NameStem => "GlobalPoolKernel";

    public override string Describe() => Maximum
        ? $"per channel ({Channels} × {Format.Grouped(Plane)}): the largest value of its plane, its index kept for backward"
        : $"per channel ({Channels} × {Format.Grouped(Plane)}): the mean of its plane";

    public override void EmitStruct(CodeWriter w, string name)
    {
        using (w.Block($"public readonly struct {name} : IGlobalPoolShape"))
        {
            w.Line($"public static int Channels => {Channels};");
            w.Line($"public static int Plane => {Format.Int(Plane)};");
            w.Line($"public static bool Maximum => {Bool(Maximum)};");
        }
    }

    public static GlobalPoolKernel For(LayerPlan layer) =>
        new(layer.Input.Channels, (int)layer.Input.PlaneLength, layer.Kind == LayerKind.GlobalMaxPool);
}
