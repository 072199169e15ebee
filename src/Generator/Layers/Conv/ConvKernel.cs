using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// How a convolution runs, as the runtime's <c>Conv&lt;TShape&gt;</c> carries it out: its geometry and fused
/// activation, the strategy of each pass and the tiles of the kernels those strategies run (the tiles of a strategy the
/// layer does not use are null). Decided once, in <see cref="For"/>; emitters only write it.
/// </summary>
internal sealed record ConvKernel(
    ConvGeometry Geometry,
    ActivationKind Activation,
    ConvForward Forward,
    ConvWeightGradient WeightGradient,
    ConvInputGradient InputGradient,
    DirectTiles? ForwardDirect = null,
    ChannelForwardTiles? ForwardChannels = null,
    WinogradTiles? ForwardWinograd = null,
    BroadcastTile? ForwardGemm = null,
    DirectWeightGradientTiles? WeightGradientDirect = null,
    ChannelGradientTiles? WeightGradientChannels = null,
    DotTile? WeightGradientGemm = null,
    DirectTiles? InputGradientDirect = null,
    WinogradTiles? InputGradientWinograd = null,
    BroadcastTile? InputGradientGemm = null) : KernelPlan
{
    public override string NameStem => "ConvKernel";

    /// <summary>Whether any pass goes through the im2col column matrix.</summary>
    public bool UsesColumns => Forward == ConvForward.Columns || WeightGradient == ConvWeightGradient.Columns || InputGradient == ConvInputGradient.Columns;

    /// <summary>
    /// The decision. Stride-1 2D layers at least 8 output columns wide convolve a zero-bordered copy directly, with
    /// output channels in the lanes when rows are narrow, as Winograd when 3×3 with 32 channels or more each side; the
    /// rest (strided, 1D, 3D, narrow) run im2col + GEMM. The weight gradient reads the bordered copy when the kernel is
    /// at most 8 wide (with channels in the lanes on small planes). The input gradient of a stride-1 2D layer is itself a
    /// stride-1 convolution of dY bordered by kernel − 1 − padding, with rotated weights; it computes every input position
    /// from a full kernel window, zeros included, so it runs only when the input plane is at most 5/4 of the output plane
    /// (same padding, or a small kernel on a large plane): a valid 5×5 convolution on 14×14 (LeNet's second layer) would
    /// spend half its products on the zero border. It runs as Winograd when 3×3 and its shapes allow.
    /// </summary>
    public static ConvKernel For(LayerPlan layer)
    {
        ConvGeometry g = ConvGeometry.Of(layer);
        ActivationKind activation = layer.Decl.Activation;
        int rows = (int)g.ColumnRows, cols = (int)g.ColumnCols;
        bool direct = g.IsStrideOne2D && DirectTiling.Supports(g.OutWidth);
        WinogradTiling forwardWinograd = ForwardWinogradGeometry(g), gradientWinograd = InputGradientWinogradGeometry(g);

        ConvForward forward =
            !direct ? ConvForward.Columns
            : DirectTiling.ForwardByChannel(g.OutChannels, g.OutWidth) ? ConvForward.ChannelLanes
            : g.IsThreeByThree && forwardWinograd.Supported ? ConvForward.Winograd
            : ConvForward.Direct;
        bool directWeightGradient = direct && g.KernelWidth <= DirectTiling.MaxWeightGradientKernelWidth;
        ConvWeightGradient weightGradient =
            !directWeightGradient ? ConvWeightGradient.Columns
            : DirectTiling.WeightGradientByChannel(g.OutChannels, g.OutHeight, g.OutWidth) ? ConvWeightGradient.ChannelLanes
            : ConvWeightGradient.Direct;
        bool gradientIsConvolution = g.IsStrideOne2D && DirectTiling.Supports(g.InWidth) && 4L * g.InputPlane <= 5L * g.ColumnCols;
        ConvInputGradient inputGradient =
            !gradientIsConvolution ? ConvInputGradient.Columns
            : g.IsThreeByThree && gradientWinograd.Supported ? ConvInputGradient.Winograd
            : ConvInputGradient.Direct;

        return new ConvKernel(g, activation, forward, weightGradient, inputGradient,
            ForwardDirect: forward == ConvForward.Direct ? DirectTiling.Tiles(g.OutChannels, g.OutHeight, g.OutWidth) : null,
            ForwardChannels: forward == ConvForward.ChannelLanes ? DirectTiling.ChannelForward(g.OutChannels, g.OutWidth) : null,
            ForwardWinograd: forward == ConvForward.Winograd ? forwardWinograd.Decide() : null,
            ForwardGemm: forward == ConvForward.Columns ? GemmTiles.Broadcast(g.OutChannels, cols, accumulate: false) : null,
            WeightGradientDirect: weightGradient == ConvWeightGradient.Direct ? DirectTiling.WeightGradient(g.OutChannels, g.OutWidth, g.KernelWidth) : null,
            WeightGradientChannels: weightGradient == ConvWeightGradient.ChannelLanes ? DirectTiling.ChannelGradient(g.OutChannels, g.OutHeight, g.OutWidth, g.KernelWidth) : null,
            WeightGradientGemm: weightGradient == ConvWeightGradient.Columns ? GemmTiles.Dot(g.OutChannels, rows, cols) : null,
            InputGradientDirect: inputGradient == ConvInputGradient.Direct ? DirectTiling.Tiles(g.InChannels, g.InHeight, g.InWidth) : null,
            InputGradientWinograd: inputGradient == ConvInputGradient.Winograd ? gradientWinograd.Decide() : null,
            InputGradientGemm: inputGradient == ConvInputGradient.Columns ? GemmTiles.Broadcast(rows, cols, accumulate: false) : null);
    }

    /// <summary>The forward pass as a Winograd convolution: the layer's input, its padding as the border.</summary>
    public static WinogradTiling ForwardWinogradGeometry(ConvGeometry g) =>
        new(g.InChannels, g.OutChannels, g.InHeight, g.InWidth, g.OutHeight, g.OutWidth, g.PadHeight, g.PadWidth);

    /// <summary>The input gradient as a Winograd convolution: dY bordered by 2 − padding, channels swapped.</summary>
    public static WinogradTiling InputGradientWinogradGeometry(ConvGeometry g) =>
        new(g.OutChannels, g.InChannels, g.OutHeight, g.OutWidth, g.InHeight, g.InWidth, 2 - g.PadHeight, 2 - g.PadWidth);

    public override string Describe()
    {
        ConvGeometry g = Geometry;
        string relu = Activation == ActivationKind.ReLU ? ", ReLU fused" : "";
        string forward = Forward switch
        {
            ConvForward.Direct => $"forward convolves a zero-bordered copy directly in tiles of {ForwardDirect!.Describe()}{relu}",
            ConvForward.ChannelLanes => $"forward convolves a zero-bordered copy with output channels in vector lanes (tiles of {ForwardChannels!.Describe()}), bias{(Activation == ActivationKind.ReLU ? " and ReLU" : "")} fused, then transposed back in 8×8 blocks",
            ConvForward.Winograd => $"forward as {ForwardWinograd!.Describe()}{relu}",
            _ => $"forward as im2col into a {g.ColumnRows}×{g.ColumnCols} column matrix per sample, then GEMM W[{g.OutChannels}×{g.ColumnRows}] · columns ({ForwardGemm})",
        };
        string weightGradient = WeightGradient switch
        {
            ConvWeightGradient.ChannelLanes => $"dW reduced with output channels in vector lanes ({WeightGradientChannels!.Describe()}), dY transposed per sample",
            ConvWeightGradient.Direct => $"dW reduced from dY and the bordered copy in tiles of {WeightGradientDirect!.Describe()}",
            _ => $"dW = dY · columnsᵀ over the im2col columns ({WeightGradientGemm})",
        };
        string inputGradient = InputGradient switch
        {
            ConvInputGradient.Winograd => $"dx as {InputGradientWinograd!.Describe()} of the bordered dY with rotated weights",
            ConvInputGradient.Direct => $"dx as a direct convolution of the bordered dY with rotated weights in tiles of {InputGradientDirect!.Describe()}",
            _ => $"dx as Wᵀ · dY folded back with col2im ({InputGradientGemm})",
        };
        return $"{forward}; backward: {weightGradient}, {inputGradient}";
    }

    public override void EmitStruct(CodeWriter w, string name)
    {
        ConvGeometry g = Geometry;
        using (w.Block($"public readonly struct {name} : IConvShape"))
        {
            w.Line($"public static int InChannels => {g.InChannels};");
            w.Line($"public static int OutChannels => {g.OutChannels};");
            // The axes the layer has (depth and height are 1 otherwise); strides and padding where not 1 and 0.
            string[] axes = ["Depth", "Height", "Width"];
            int[][] values =
            [
                [g.InDepth, g.InHeight, g.InWidth], [g.OutDepth, g.OutHeight, g.OutWidth], [g.KernelDepth, g.KernelHeight, g.KernelWidth],
                [g.StrideDepth, g.StrideHeight, g.StrideWidth], [g.PadDepth, g.PadHeight, g.PadWidth],
            ];
            string[] prefixes = ["In", "Out", "Kernel", "Stride", "Pad"];
            int[] defaults = [1, 1, 1, 1, 0];
            for (int p = 0; p < prefixes.Length; p++)
            {
                for (int a = 3 - g.Rank; a < 3; a++)
                {
                    if (p >= 3 && values[p][a] == defaults[p]) continue;
                    w.Line($"public static int {prefixes[p]}{axes[a]} => {values[p][a]};");
                }
            }
            w.Line($"public static Activation Activation => Activation.{Activation};");
            w.Line($"public static ConvForward Forward => ConvForward.{Forward};");
            ForwardDirect?.Emit(w, "Forward");
            ForwardChannels?.Emit(w);
            ForwardWinograd?.Emit(w, "Forward");
            ForwardGemm?.Emit(w, "Forward");
            w.Line($"public static ConvWeightGradient WeightGradient => ConvWeightGradient.{WeightGradient};");
            WeightGradientDirect?.Emit(w);
            WeightGradientChannels?.Emit(w);
            WeightGradientGemm?.Emit(w, "WeightGradient");
            w.Line($"public static ConvInputGradient InputGradient => ConvInputGradient.{InputGradient};");
            InputGradientDirect?.Emit(w, "InputGradient");
            InputGradientWinograd?.Emit(w, "InputGradient");
            InputGradientGemm?.Emit(w, "InputGradient");
        }
    }
}
