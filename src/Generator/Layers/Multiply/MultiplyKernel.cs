using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A squeeze-and-excitation gate as the runtime's <c>ChannelGate&lt;TShape&gt;</c> runs it: each channel's plane of the
/// feature map times that channel's gate value.
/// </summary>
/// <param name="Channels">Channels (the gate's length).</param>
/// <param name="Plane">Values per channel and sample of the feature map.</param>
/// <param name="GateIsNamedInput">Whether the gate is the named layer's output (else the previous layer's).</param>
internal sealed record MultiplyKernel(int Channels, int Plane, bool GateIsNamedInput) : KernelPlan
{
    public override string NameStem => "MultiplyKernel";

    public override string Describe() =>
        $"per channel ({Channels} × {Format.Grouped(Plane)}): the {(GateIsNamedInput ? "previous layer's" : "named layer's")} plane times the {(GateIsNamedInput ? "named layer's" : "previous layer's")} gate value";

    public override void EmitStruct(CodeWriter w, string name)
    {
        using (w.Block($"public readonly struct {name} : IChannelGateShape"))
        {
            w.Line($"public static int Channels => {Channels};");
            w.Line($"public static int Plane => {Format.Int(Plane)};");
            w.Line($"public static bool GateIsNamedInput => {Bool(GateIsNamedInput)};");
        }
    }

    /// <summary>
    /// The layer's output has the feature map's shape; the previous layer's output (its input) is the gate exactly
    /// when that is shorter (when both are vectors, the named one is the gate, which multiplies the same).
    /// </summary>
    public static MultiplyKernel For(LayerPlan layer) =>
        new(layer.Output.Channels, (int)layer.Output.PlaneLength, layer.Input.Length == layer.Output.Length);
}
