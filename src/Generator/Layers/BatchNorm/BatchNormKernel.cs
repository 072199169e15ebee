using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A BatchNorm as the runtime's <c>BatchNorm&lt;TShape&gt;</c> runs it: per channel, batch sums shared across workers,
/// then one fused multiply-add pass per plane. <paramref name="FusesReLU"/> is the fused form: training runs the
/// stand-alone ReLU after it in the same passes (clamp forward, mask backward).
/// </summary>
/// <param name="Channels">Channels (features after a dense layer).</param>
/// <param name="Plane">Values per channel and sample.</param>
/// <param name="Momentum">The declared momentum, written as a double literal of its digits.</param>
/// <param name="Epsilon">The declared ε, likewise.</param>
/// <param name="FusesReLU">Whether training runs the ReLU after it in its passes.</param>
internal sealed record BatchNormKernel(int Channels, int Plane, float Momentum, float Epsilon, bool FusesReLU) : KernelPlan
{
    public override string NameStem => "BatchNormKernel";

    public override string Describe() =>
        $"per channel ({Channels} × {Format.Grouped(Plane)}): batch statistics shared by the workers, one multiply-add pass per plane" +
        (FusesReLU ? "; the ReLU after it runs in its passes in training" : "");

    public override void EmitStruct(CodeWriter w, string name)
    {
        using (w.Block($"public readonly struct {name} : IBatchNormShape"))
        {
            w.Line($"public static int Channels => {Channels};");
            w.Line($"public static int Plane => {Format.Int(Plane)};");
            w.Line($"public static double Momentum => {Format.FloatAsDouble(Momentum)};");
            w.Line($"public static double Epsilon => {Format.FloatAsDouble(Epsilon)};");
            w.Line($"public static bool FusesReLU => {Bool(FusesReLU)};");
        }
    }

    /// <summary>The decision: the layer's sizes and settings, and the fused form analysis chose (<see cref="LayerPlan.FusesNextReLU"/>).</summary>
    public static BatchNormKernel For(LayerPlan layer) =>
        new(layer.Output.Channels, (int)layer.Output.PlaneLength, layer.Decl.Momentum, layer.Decl.Epsilon, layer.FusesNextReLU);
}
