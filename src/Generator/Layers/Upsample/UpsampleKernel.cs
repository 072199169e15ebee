using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Upsampling as the runtime's <c>Upsample&lt;TShape&gt;</c> runs it, every rank as 3D (missing outer axes are 1 with
/// scale 1, which both modes pass through unchanged).
/// </summary>
/// <param name="Channels">Channels.</param>
/// <param name="InDepth">Input depth (1 below 3D).</param>
/// <param name="InHeight">Input height (1 in 1D).</param>
/// <param name="InWidth">Input width (a 1D input's length).</param>
/// <param name="ScaleDepth">Scale along depth (1 below 3D).</param>
/// <param name="ScaleHeight">Scale along height (1 in 1D).</param>
/// <param name="ScaleWidth">Scale along width (length in 1D).</param>
/// <param name="Linear">Linear interpolation (align_corners=False) rather than nearest.</param>
internal sealed record UpsampleKernel(int Channels, int InDepth, int InHeight, int InWidth, int ScaleDepth, int ScaleHeight, int ScaleWidth, bool Linear) : KernelPlan
{
    public override string NameStem => "UpsampleKernel";

    public override string Describe()
    {
        string scales = ScaleDepth > 1 || InDepth > 1 ? $"{ScaleDepth}×{ScaleHeight}×{ScaleWidth}" : InHeight > 1 || ScaleHeight > 1 ? $"{ScaleHeight}×{ScaleWidth}" : $"{ScaleWidth}";
        return Linear
            ? $"per channel ({Channels}): each output the interpolation of its input neighbours at (o + 0.5) / scale − 0.5 (scale {scales}, align_corners=False); backward scatters with the same weights"
            : $"per channel ({Channels}): each value copied to its {scales} block (rows widened with vectors, then copied); backward sums each block";
    }

    public override void EmitStruct(CodeWriter w, string name)
    {
        using (w.Block($"public readonly struct {name} : IUpsampleShape"))
        {
            w.Line($"public static int Channels => {Channels};");
            w.Line($"public static int InDepth => {InDepth};");
            w.Line($"public static int InHeight => {InHeight};");
            w.Line($"public static int InWidth => {InWidth};");
            w.Line($"public static int ScaleDepth => {ScaleDepth};");
            w.Line($"public static int ScaleHeight => {ScaleHeight};");
            w.Line($"public static int ScaleWidth => {ScaleWidth};");
            w.Line($"public static bool Linear => {Bool(Linear)};");
        }
    }

    /// <summary>The layer's axes right-aligned into depth, height, width.</summary>
    public static UpsampleKernel For(LayerPlan layer)
    {
        int rank = layer.Input.SpatialRank;
        int In(int axis3) => axis3 < 3 - rank ? 1 : layer.Input.Spatial(axis3 - (3 - rank));
        int Scale(int axis3) => axis3 < 3 - rank ? 1 : layer.Decl.Kernel[axis3 - (3 - rank)];
        return new(layer.Input.Channels, In(0), In(1), In(2), Scale(0), Scale(1), Scale(2), layer.Decl.Linear);
    }
}
