using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using System.Linq;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A stride-1 2D convolution read straight from a zero-bordered input: output[o, y, x] = bias[o] +
/// Σ_{i, ky, kx} weights[o, i, ky, kx] · padded[i, y + ky, x + kx]. Every row of <c>padded</c> is
/// <see cref="PaddedWidth"/> = OutWidth + KernelWidth − 1 wide and there are OutHeight + KernelHeight − 1 of them.
/// The forward pass uses it with the layer's weights; the input gradient uses it with the weights transposed and rotated.
/// </summary>
/// <param name="ReluEpilogue">Clamp at zero before storing (a fused ReLU), instead of a separate pass over the output.</param>
internal sealed record DirectConv(
    int InChannels, int OutChannels, int OutHeight, int OutWidth, int KernelHeight, int KernelWidth, bool ReluEpilogue)
{
    public int PaddedHeight => OutHeight + KernelHeight - 1;

    public int PaddedWidth => OutWidth + KernelWidth - 1;
}

/// <summary>
/// Emits <see cref="DirectConv"/> as register tiles of Filters output channels × Rows output rows × up to 4 vectors of
/// 8 columns: per kernel tap, each input vector is loaded once and multiplied into every filter of the tile, each
/// weight is broadcast once and multiplied into every vector, so loads stay well under the FMAs. A row whose width is
/// not a multiple of 8 ends with a vector that overlaps the one before it (the same values are stored twice), so no
/// scalar tail exists; this needs at least 8 output columns.
/// </summary>
internal static class DirectConvEmitter
{
    public const int Lanes = WideTwins.Lanes;

    private const int WideLanes = WideTwins.WideLanes;

    /// <summary>Accumulators per tile: 16 of the 32 vector registers AVX-512 gives, leaving room for inputs and weights.</summary>
    private const int Accumulators = 16;

    private const int MaxVectorsPerTile = 4;

    public static bool Supports(int outWidth) => outWidth >= Lanes;

    /// <summary>The tile shape: vectors (of <paramref name="lanes"/> columns) per row block, rows and filters per tile.</summary>
    public static (int Vectors, int Rows, int Filters) Tile(DirectConv g, int lanes = Lanes)
    {
        int rowVectors = (g.OutWidth + lanes - 1) / lanes;
        int vectors = System.Math.Min(rowVectors, MaxVectorsPerTile);
        int rows = rowVectors <= MaxVectorsPerTile ? System.Math.Max(1, System.Math.Min(g.OutHeight, MaxVectorsPerTile / vectors)) : 1;
        int filters = Balanced(g.OutChannels, System.Math.Max(1, Accumulators / (vectors * rows)));
        return (vectors, rows, filters);
    }

    /// <summary>Whether the direct convolution has a Vector512 twin: rows of at least 16 output columns.</summary>
    public static bool HasWide(DirectConv g) => g.OutWidth >= WideLanes;

    public static string Describe(DirectConv g)
    {
        var (vectors, rows, filters) = Tile(g);
        string text = $"{filters} filters × {rows} row{(rows == 1 ? "" : "s")} × {vectors} vector{(vectors == 1 ? "" : "s")} of {Lanes} columns";
        if (!HasWide(g)) return text;
        var (wideVectors, wideRows, wideFilters) = Tile(g, WideLanes);
        return text + $"; {wideFilters} × {wideRows} × {wideVectors} of {WideLanes} with 512-bit vectors";
    }

    /// <summary>
    /// The direct convolution <paramref name="method"/>(padded, weights, bias, output) in register tiles; where rows
    /// have 16 columns or more, a Vector512 twin ({method}Wide) runs instead when 512-bit vectors are accelerated.
    /// </summary>
    public static void Emit(CodeWriter w, string method, string comment, DirectConv g)
    {
        WideTwins.Emit(w, method, comment, HasWide(g), (name, text, lanes, twin) => Emit(w, name, text, g, lanes, twin));
    }

    private static void Emit(CodeWriter w, string method, string comment, DirectConv g, int lanes, string? wideTwin)
    {
        var (vectors, rows, filters) = Tile(g, lanes);
        w.Line($"/// <summary>{comment}</summary>");
        using (w.Block($"private static void {method}(ref float padded, ref float weights, ReadOnlySpan<float> bias, ref float output)"))
        {
            WideTwins.EmitDispatch(w, wideTwin, "ref padded, ref weights, bias, ref output");
            EmitConstants(w, g, filterLength: true);
            w.Line("bool hasBias = !bias.IsEmpty;");
            EmitTiledLoop(w, "f", "Outputs", g.OutChannels, filters, tileFilters => EmitRowBlocks(w, g, tileFilters, rows, vectors, lanes));
        }
    }

    private static void EmitRowBlocks(CodeWriter w, DirectConv g, int filters, int rows, int vectors, int lanes)
    {
        EmitTiledLoop(w, "y", "Height", g.OutHeight, rows, tileRows => EmitColumnBlocks(w, g, filters, tileRows, vectors, lanes));
    }

    /// <summary>
    /// The vector starts of a row: 0, 8, 16, … (0, 16, … for 512-bit vectors) and, when the width is not a multiple of
    /// the lanes, a last one at Width − lanes. Up to 4 of them make one tile; wider rows loop over blocks of 4 vectors,
    /// then a last block of the rest.
    /// </summary>
    private static void EmitColumnBlocks(CodeWriter w, DirectConv g, int filters, int rows, int vectors, int lanes)
    {
        var starts = new List<int>();
        for (int x = 0; x + lanes <= g.OutWidth; x += lanes) starts.Add(x);
        if (g.OutWidth % lanes != 0) starts.Add(g.OutWidth - lanes);
        int blockColumns = vectors * lanes;
        // Only vectors at multiples of the lanes go in the loop over blocks: the overlapping last one (at Width − lanes)
        // is not at x + lanes·v for any block, so it always belongs to the rest.
        int fullBlocks = g.OutWidth / lanes / vectors;
        if (starts.Count <= vectors)
        {
            EmitTile(w, g, filters, rows, starts.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), lanes);
            return;
        }
        if (fullBlocks > 0)
        {
            using (w.Block($"for (int x = 0; x < {fullBlocks * blockColumns}; x += {blockColumns})"))
            {
                EmitTile(w, g, filters, rows, Enumerable.Range(0, vectors).Select(v => v == 0 ? "x" : $"x + {v * lanes}").ToList(), lanes);
            }
        }
        var rest = starts.Skip(fullBlocks * vectors).ToList();
        if (rest.Count > 0)
        {
            using (w.Block(""))
            {
                EmitTile(w, g, filters, rows, rest.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), lanes);
            }
        }
    }

    /// <summary>One register tile: output channels f…f+filters−1, rows y…y+rows−1, the given column starts.</summary>
    private static void EmitTile(CodeWriter w, DirectConv g, int filters, int rows, List<string> starts, int lanes)
    {
        string vector = WideTwins.Vector(lanes);
        int vectors = starts.Count;
        for (int m = 0; m < filters; m++)
        {
            w.Line($"{vector}<float> bias{m} = hasBias ? {vector}.Create(bias[f + {m}]) : {vector}<float>.Zero;");
        }
        for (int m = 0; m < filters; m++)
        {
            w.Line($"{vector}<float> " + string.Join(", ", Pairs(rows, vectors).Select(p => $"s{m}{p.r}{p.v} = bias{m}")) + ";");
        }
        using (w.Block("for (int i = 0; i < Inputs; i++)"))
        using (w.Block("for (int ky = 0; ky < TapsHeight; ky++)"))
        {
            w.Line("ref float source = ref Unsafe.Add(ref padded, (i * SourceHeight + y + ky) * SourceWidth);");
            w.Line("ref float tap = ref Unsafe.Add(ref weights, f * FilterLength + (i * TapsHeight + ky) * TapsWidth);");
            w.Line($"{vector}<float> " + string.Join(", ", Pairs(rows, vectors).Select(p => $"x{p.r}{p.v}").Concat(Enumerable.Range(0, filters).Select(m => $"w{m}"))) + ";");
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                foreach (var (r, v) in Pairs(rows, vectors))
                {
                    string row = r == 0 ? "" : $"{r} * SourceWidth + ";
                    w.Line($"x{r}{v} = {vector}.LoadUnsafe(ref source{Offset(row + Plus(starts[v], kx))});");
                }
                for (int m = 0; m < filters; m++)
                {
                    string offset = m == 0 ? $"{kx}" : $"{m} * FilterLength + {kx}";
                    w.Line($"w{m} = {vector}.Create(Unsafe.Add(ref tap, {offset}));");
                    foreach (var (r, v) in Pairs(rows, vectors)) w.Line($"s{m}{r}{v} = {vector}.FusedMultiplyAdd(x{r}{v}, w{m}, s{m}{r}{v});");
                }
            }
        }
        for (int m = 0; m < filters; m++)
        {
            for (int r = 0; r < rows; r++)
            {
                w.Line($"ref float target{m}{r} = ref Unsafe.Add(ref output, ((f + {m}) * Height + y + {r}) * Width);");
                for (int v = 0; v < vectors; v++)
                {
                    string value = g.ReluEpilogue ? $"{vector}.Max(s{m}{r}{v}, {vector}<float>.Zero)" : $"s{m}{r}{v}";
                    w.Line($"{value}.StoreUnsafe(ref target{m}{r}{Offset(starts[v])});");
                }
            }
        }
    }

    /// <summary>The widest kernel whose weight-gradient tile (filters × kernel columns accumulators) still fits the registers.</summary>
    public const int MaxWeightGradientKernelWidth = 8;

    /// <summary>Filters per weight-gradient tile: each keeps one accumulator per kernel column.</summary>
    public static int WeightGradientFilters(DirectConv g) => Balanced(g.OutChannels, System.Math.Max(1, Accumulators / g.KernelWidth));

    /// <summary>
    /// The tile size for <paramref name="total"/> items at most <paramref name="largest"/> per tile that spreads them most
    /// evenly: 6 filters with room for 4 go as 3 + 3, not 4 + a weaker tile of 2.
    /// </summary>
    internal static int Balanced(int total, int largest)
    {
        int tiles = (total + largest - 1) / largest;
        return (total + tiles - 1) / tiles;
    }

    /// <summary>
    /// dW[o, i, ky, kx] += Σ_{y, x} dY[o, y, x] · padded[i, y + ky, x + kx], the forward geometry <paramref name="g"/>
    /// read the other way: tiles of filters × kernel columns accumulate vectors of 8 output columns, then reduce once.
    /// Per (y, vector) the tile loads each filter's dY and each shifted input vector once. The overlapping last vector
    /// of a row is masked to the columns the vector before it did not cover, so nothing counts twice.
    /// </summary>
    public static void EmitWeightGradient(CodeWriter w, string method, string comment, DirectConv g)
    {
        WideTwins.Emit(w, method, comment, HasWideWeightGradient(g), (name, text, lanes, twin) => EmitWeightGradient(w, name, text, g, lanes, twin));
    }

    /// <summary>Whether the column-vectorized weight gradient has a Vector512 twin: rows of at least 16 output columns.</summary>
    public static bool HasWideWeightGradient(DirectConv g) => g.OutWidth >= WideLanes;

    private static void EmitWeightGradient(CodeWriter w, string method, string comment, DirectConv g, int lanes, string? wideTwin)
    {
        string vector = WideTwins.Vector(lanes);
        int filters = WeightGradientFilters(g);
        var starts = new List<int>();
        for (int x = 0; x + lanes <= g.OutWidth; x += lanes) starts.Add(x);
        int tail = g.OutWidth % lanes;
        w.Line($"/// <summary>{comment}</summary>");
        using (w.Block($"private static void {method}(ref float padded, ref float outputGradient, ref float weightGradient)"))
        {
            WideTwins.EmitDispatch(w, wideTwin, "ref padded, ref outputGradient, ref weightGradient");
            EmitConstants(w, g, filterLength: true);
            if (tail != 0)
            {
                w.Line($"// The last vector starts at Width − {lanes} and repeats {lanes - tail} columns of the one before it: those lanes are zeroed.");
                w.Line($"{vector}<float> tailMask = {vector}.Create(" + string.Join(", ", Enumerable.Range(0, lanes).Select(l => l < lanes - tail ? "0" : "-1")) + ").AsSingle();");
            }
            EmitTiledLoop(w, "f", "Outputs", g.OutChannels, filters, tileFilters => EmitWeightGradientTile(w, g, tileFilters, starts, tail, lanes));
        }
    }

    private static void EmitWeightGradientTile(CodeWriter w, DirectConv g, int filters, List<int> starts, int tail, int lanes)
    {
        string vector = WideTwins.Vector(lanes);
        var accumulators = from m in Enumerable.Range(0, filters) from kx in Enumerable.Range(0, g.KernelWidth) select (m, kx);
        using (w.Block("for (int i = 0; i < Inputs; i++)"))
        using (w.Block("for (int ky = 0; ky < TapsHeight; ky++)"))
        {
            w.Line($"{vector}<float> " + string.Join(", ", accumulators.Select(a => $"s{a.m}_{a.kx} = {vector}<float>.Zero")) + ";");
            w.Line($"{vector}<float> " + string.Join(", ", Enumerable.Range(0, filters).Select(m => $"d{m}").Concat(Enumerable.Range(0, g.KernelWidth).Select(kx => $"x{kx}"))) + ";");
            using (w.Block("for (int y = 0; y < Height; y++)"))
            {
                w.Line("ref float source = ref Unsafe.Add(ref padded, (i * SourceHeight + y + ky) * SourceWidth);");
                w.Line("ref float gradient = ref Unsafe.Add(ref outputGradient, f * Height * Width + y * Width);");
                if (starts.Count <= MaxVectorsPerTile)
                {
                    foreach (int start in starts) EmitWeightGradientStep(w, g, filters, start.ToString(System.Globalization.CultureInfo.InvariantCulture), masked: false, vector);
                }
                else
                {
                    using (w.Block($"for (int x = 0; x < {starts.Count * lanes}; x += {lanes})")) EmitWeightGradientStep(w, g, filters, "x", masked: false, vector);
                }
                if (tail != 0) EmitWeightGradientStep(w, g, filters, $"{g.OutWidth - lanes}", masked: true, vector);
            }
            w.Line("ref float tap = ref Unsafe.Add(ref weightGradient, f * FilterLength + (i * TapsHeight + ky) * TapsWidth);");
            foreach (var (m, kx) in accumulators)
            {
                string offset = m == 0 ? $"{kx}" : $"{m} * FilterLength + {kx}";
                w.Line($"Unsafe.Add(ref tap, {offset}) += {vector}.Sum(s{m}_{kx});");
            }
        }
    }

    private static void EmitWeightGradientStep(CodeWriter w, DirectConv g, int filters, string start, bool masked, string vector)
    {
        for (int m = 0; m < filters; m++)
        {
            string row = m == 0 ? "" : $"{m} * Height * Width + ";
            string load = $"{vector}.LoadUnsafe(ref gradient{Offset(row + start)})";
            w.Line(masked ? $"d{m} = {load} & tailMask;" : $"d{m} = {load};");
        }
        for (int kx = 0; kx < g.KernelWidth; kx++)
        {
            w.Line($"x{kx} = {vector}.LoadUnsafe(ref source{Offset(Plus(start, kx))});");
            for (int m = 0; m < filters; m++) w.Line($"s{m}_{kx} = {vector}.FusedMultiplyAdd(d{m}, x{kx}, s{m}_{kx});");
        }
    }

    /// <summary>
    /// Whether the weight gradient vectorizes across output channels instead of output columns: for small planes, where a
    /// tile over columns reduces too few products per horizontal sum. Needs whole vectors of output channels.
    /// </summary>
    public static bool WeightGradientByChannel(DirectConv g) =>
        g.OutChannels % Lanes == 0 && g.OutHeight * g.OutWidth <= MaxPlaneForChannelGradient;

    /// <summary>Output planes up to 16×16 take the channel-vectorized weight gradient.</summary>
    private const int MaxPlaneForChannelGradient = 256;

    /// <summary>Vectors of <paramref name="lanes"/> output channels per channel-vectorized weight-gradient tile (one accumulator per kernel column each).</summary>
    public static int WeightGradientChannelVectors(DirectConv g, int lanes = Lanes) =>
        System.Math.Max(1, System.Math.Min(g.OutChannels / lanes, Accumulators / g.KernelWidth));

    /// <summary>Whether the channel-vectorized weight gradient has a Vector512 twin: the output channels fill vectors of 16.</summary>
    public static bool HasWideWeightGradientByChannel(DirectConv g) => g.OutChannels % WideLanes == 0;

    /// <summary>
    /// dWt[i, ky, kx, o] += Σ_{y, x} dYt[y, x, o] · padded[i, y + ky, x + kx]: the weight gradient with output channels
    /// in vector lanes, for small planes. dY comes transposed (positions × channels) and the result goes to a buffer laid
    /// out (input channel, ky, kx) × output channels, added into dW once per batch, so no tile ever reduces across lanes.
    /// Per position a tile loads its channel vectors once and broadcasts each of the kernel row's inputs once. When the
    /// channels fill vectors of 16, a Vector512 twin ({method}Wide) runs instead where 512-bit vectors are accelerated.
    /// </summary>
    public static void EmitWeightGradientByChannel(CodeWriter w, string method, string comment, DirectConv g)
    {
        WideTwins.Emit(w, method, comment, HasWideWeightGradientByChannel(g), (name, text, lanes, twin) => EmitWeightGradientByChannel(w, name, text, g, lanes, twin));
    }

    private static void EmitWeightGradientByChannel(CodeWriter w, string method, string comment, DirectConv g, int lanes, string? wideTwin)
    {
        int vectors = WeightGradientChannelVectors(g, lanes);
        int channelsPerTile = vectors * lanes;
        w.Line($"/// <summary>{comment}</summary>");
        using (w.Block($"private static void {method}(ref float padded, ref float gradientByPosition, ref float weightGradientByChannel)"))
        {
            WideTwins.EmitDispatch(w, wideTwin, "ref padded, ref gradientByPosition, ref weightGradientByChannel");
            EmitConstants(w, g, filterLength: false);
            int rows = ChannelGradientRows(g, channelsPerTile);
            EmitTiledLoop(w, "f", "Outputs", g.OutChannels, channelsPerTile, channels =>
            {
                if (rows == g.OutHeight)
                {
                    EmitChannelGradientTile(w, g, channels / lanes, lanes, rows);
                    return;
                }
                w.Line($"// Blocks of {rows} rows: the block's dY (rows × width × this tile's channels) stays in L1 while every input channel and kernel row passes over it.");
                using (w.Block($"for (int y0 = 0; y0 < Height; y0 += {rows})")) EmitChannelGradientTile(w, g, channels / lanes, lanes, rows);
            });
        }
    }

    /// <summary>The dY bytes of one row block of the channel-vectorized weight gradient: about half of a 48 KB L1.</summary>
    private const int ChannelGradientBlockBytes = 16 * 1024;

    /// <summary>Rows per block of the channel-vectorized weight gradient: the largest divisor of the height whose dY fits the block budget.</summary>
    public static int ChannelGradientRows(DirectConv g, int channelsPerTile) =>
        Enumerable.Range(1, g.OutHeight).Where(r => g.OutHeight % r == 0 && (r == 1 || r * g.OutWidth * channelsPerTile * 4 <= ChannelGradientBlockBytes)).Max();

    private static void EmitChannelGradientTile(CodeWriter w, DirectConv g, int vectors, int lanes, int rows)
    {
        string vector = WideTwins.Vector(lanes);
        var accumulators = (from kx in Enumerable.Range(0, g.KernelWidth) from v in Enumerable.Range(0, vectors) select (kx, v)).ToList();
        bool blocked = rows != g.OutHeight;
        using (w.Block("for (int i = 0; i < Inputs; i++)"))
        using (w.Block("for (int ky = 0; ky < TapsHeight; ky++)"))
        {
            w.Line("ref float target = ref Unsafe.Add(ref weightGradientByChannel, (i * TapsHeight + ky) * TapsWidth * Outputs + f);");
            if (blocked)
            {
                // Accumulated on top of the previous blocks' sums.
                foreach (var (kx, v) in accumulators) w.Line($"{vector}<float> s{kx}_{v} = {vector}.LoadUnsafe(ref target{Offset(ChannelOffset(kx, v, lanes))});");
            }
            else
            {
                w.Line($"{vector}<float> " + string.Join(", ", accumulators.Select(a => $"s{a.kx}_{a.v} = {vector}<float>.Zero")) + ";");
            }
            using (w.Block(blocked ? $"for (int y = y0; y < y0 + {rows}; y++)" : "for (int y = 0; y < Height; y++)"))
            {
                w.Line("ref float source = ref Unsafe.Add(ref padded, (i * SourceHeight + y + ky) * SourceWidth);");
                w.Line("ref float gradient = ref Unsafe.Add(ref gradientByPosition, y * Width * Outputs + f);");
                using (w.Block("for (int x = 0; x < Width; x++)"))
                {
                    for (int v = 0; v < vectors; v++) w.Line($"{vector}<float> d{v} = {vector}.LoadUnsafe(ref gradient, (UIntPtr)(x * Outputs{(v == 0 ? "" : $" + {v * lanes}")}));");
                    for (int kx = 0; kx < g.KernelWidth; kx++)
                    {
                        w.Line($"{vector}<float> x{kx} = {vector}.Create(Unsafe.Add(ref source, x{(kx == 0 ? "" : $" + {kx}")}));");
                        for (int v = 0; v < vectors; v++) w.Line($"s{kx}_{v} = {vector}.FusedMultiplyAdd(d{v}, x{kx}, s{kx}_{v});");
                    }
                }
            }
            foreach (var (kx, v) in accumulators)
            {
                string offset = ChannelOffset(kx, v, lanes);
                w.Line(blocked
                    ? $"s{kx}_{v}.StoreUnsafe(ref target{Offset(offset)});"
                    : $"({vector}.LoadUnsafe(ref target{Offset(offset)}) + s{kx}_{v}).StoreUnsafe(ref target{Offset(offset)});");
            }
        }
    }

    /// <summary>The offset of channel vector <paramref name="v"/> of row <paramref name="row"/> in a layout of rows × Outputs channels.</summary>
    private static string ChannelOffset(int row, int v, int lanes)
    {
        string offset = (row == 0 ? "" : $"{row} * Outputs") + (v == 0 ? "" : (row == 0 ? "" : " + ") + $"{v * lanes}");
        return offset.Length == 0 ? "0" : offset;
    }

    /// <summary>
    /// Whether the forward pass puts output channels in the vector lanes: when rows are narrow enough that vectors of
    /// columns would waste lanes (a width under 32 that is not a multiple of 8, such as LeNet's 10) and the channels fill
    /// whole vectors.
    /// </summary>
    public static bool ForwardByChannel(DirectConv g) =>
        g.OutChannels % Lanes == 0 && g.OutWidth % Lanes != 0 && g.OutWidth < 4 * Lanes;

    /// <summary>Channel vectors (of <paramref name="lanes"/>) and output positions (along a row) per tile of <see cref="EmitForwardByChannel"/>.</summary>
    public static (int Vectors, int Positions) ChannelTile(DirectConv g, int lanes = Lanes)
    {
        int vectors = System.Math.Max(1, System.Math.Min(g.OutChannels / lanes, 2));
        int maxPositions = Accumulators / vectors;
        int tilesPerRow = (g.OutWidth + maxPositions - 1) / maxPositions;
        return (vectors, (g.OutWidth + tilesPerRow - 1) / tilesPerRow);
    }

    /// <summary>Whether the channels-in-lanes forward has a Vector512 twin: the output channels fill vectors of 16.</summary>
    public static bool HasWideForwardByChannel(DirectConv g) => g.OutChannels % WideLanes == 0;

    /// <summary>
    /// The forward convolution with output channels in the lanes: out[y, x, o] = bias[o] + Σ wt[i, ky, kx, o] · padded[i, y + ky, x + kx]
    /// (clamped at 0 for a fused ReLU), into a positions × channels buffer that the caller transposes back. Tiles of channel vectors ×
    /// positions along a row: per kernel tap, each channel vector of weights is loaded once and each input broadcast once.
    /// With whole vectors of 16 channels, a Vector512 twin ({method}Wide) runs where 512-bit vectors are accelerated.
    /// </summary>
    public static void EmitForwardByChannel(CodeWriter w, string method, string comment, DirectConv g)
    {
        WideTwins.Emit(w, method, comment, HasWideForwardByChannel(g), (name, text, lanes, twin) => EmitForwardByChannel(w, name, text, g, lanes, twin));
    }

    private static void EmitForwardByChannel(CodeWriter w, string method, string comment, DirectConv g, int lanes, string? wideTwin)
    {
        var (vectors, positions) = ChannelTile(g, lanes);
        int channelsPerTile = vectors * lanes;
        w.Line($"/// <summary>{comment}</summary>");
        using (w.Block($"private static void {method}(ref float padded, ref float weightsByChannel, ReadOnlySpan<float> bias, ref float outputByPosition)"))
        {
            WideTwins.EmitDispatch(w, wideTwin, "ref padded, ref weightsByChannel, bias, ref outputByPosition");
            EmitConstants(w, g, filterLength: false);
            w.Line("bool hasBias = !bias.IsEmpty;");
            EmitTiledLoop(w, "f", "Outputs", g.OutChannels, channelsPerTile, channels => EmitChannelForwardRows(w, g, channels / lanes, positions, lanes));
        }
    }

    private static void EmitChannelForwardRows(CodeWriter w, DirectConv g, int vectors, int positions, int lanes)
    {
        using (w.Block("for (int y = 0; y < Height; y++)"))
        {
            EmitTiledLoop(w, "x", "Width", g.OutWidth, positions, tilePositions => EmitChannelForwardTile(w, g, vectors, tilePositions, lanes));
        }
    }

    private static void EmitChannelForwardTile(CodeWriter w, DirectConv g, int vectors, int positions, int lanes)
    {
        string vector = WideTwins.Vector(lanes);
        var accumulators = (from p in Enumerable.Range(0, positions) from v in Enumerable.Range(0, vectors) select (p, v)).ToList();
        for (int v = 0; v < vectors; v++)
        {
            w.Line($"{vector}<float> bias{v} = hasBias ? {vector}.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (UIntPtr)(f{(v == 0 ? "" : $" + {v * lanes}")})) : {vector}<float>.Zero;");
        }
        w.Line($"{vector}<float> " + string.Join(", ", accumulators.Select(a => $"s{a.p}_{a.v} = bias{a.v}")) + ";");
        using (w.Block("for (int i = 0; i < Inputs; i++)"))
        using (w.Block("for (int ky = 0; ky < TapsHeight; ky++)"))
        {
            w.Line("ref float source = ref Unsafe.Add(ref padded, (i * SourceHeight + y + ky) * SourceWidth + x);");
            w.Line("ref float taps = ref Unsafe.Add(ref weightsByChannel, (i * TapsHeight + ky) * TapsWidth * Outputs + f);");
            w.Line($"{vector}<float> " + string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"w{v}").Concat(new[] { "b" })) + ";");
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                for (int v = 0; v < vectors; v++)
                {
                    w.Line($"w{v} = {vector}.LoadUnsafe(ref taps{Offset(ChannelOffset(kx, v, lanes))});");
                }
                for (int p = 0; p < positions; p++)
                {
                    w.Line($"b = {vector}.Create(Unsafe.Add(ref source, {p + kx}));");
                    for (int v = 0; v < vectors; v++) w.Line($"s{p}_{v} = {vector}.FusedMultiplyAdd(w{v}, b, s{p}_{v});");
                }
            }
        }
        w.Line("ref float target = ref Unsafe.Add(ref outputByPosition, (y * Width + x) * Outputs + f);");
        foreach (var (p, v) in accumulators)
        {
            string offset = ChannelOffset(p, v, lanes);
            string value = g.ReluEpilogue ? $"{vector}.Max(s{p}_{v}, {vector}<float>.Zero)" : $"s{p}_{v}";
            w.Line($"{value}.StoreUnsafe(ref target{Offset(offset)});");
        }
    }

    /// <summary>The kernel's shape as named constants at the top of each emitted method (FilterLength where it indexes weights).</summary>
    private static void EmitConstants(CodeWriter w, DirectConv g, bool filterLength)
    {
        w.Line($"const int Inputs = {g.InChannels}, Outputs = {g.OutChannels}, Height = {g.OutHeight}, Width = {g.OutWidth};");
        w.Line($"const int TapsHeight = {g.KernelHeight}, TapsWidth = {g.KernelWidth}, SourceHeight = {g.PaddedHeight}, SourceWidth = {g.PaddedWidth};");
        if (filterLength) w.Line("const int FilterLength = Inputs * TapsHeight * TapsWidth;");
    }

    /// <summary>
    /// A loop over whole tiles of <paramref name="tile"/> along <paramref name="index"/> (up to <paramref name="bound"/>, the
    /// constant <paramref name="total"/>), then the rest as one smaller tile, so every tile's size is a constant.
    /// </summary>
    internal static void EmitTiledLoop(CodeWriter w, string index, string bound, int total, int tile, System.Action<int> body)
    {
        int full = total - total % tile;
        if (full > 0)
        {
            string header = tile == 1
                ? $"for (int {index} = 0; {index} < {bound}; {index}++)"
                : $"for (int {index} = 0; {index} + {tile} <= {bound}; {index} += {tile})";
            using (w.Block(header)) body(tile);
        }
        if (full < total)
        {
            using (w.Block($"for (int {index} = {full}; {index} < {bound}; {index} += {total - full})")) body(total - full);
        }
    }

    /// <summary>start + offset, folded into one number when the start is a constant.</summary>
    private static string Plus(string start, int offset) =>
        int.TryParse(start, out int value) ? (value + offset).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : offset == 0 ? start : $"{start} + {offset}";

    /// <summary>The element-offset argument of LoadUnsafe / StoreUnsafe: none for 0, a constant as is, else cast to nuint.</summary>
    private static string Offset(string expression) =>
        expression == "0" ? "" : int.TryParse(expression, out _) ? $", {expression}" : $", (UIntPtr)({expression})";

    private static IEnumerable<(int r, int v)> Pairs(int rows, int vectors) =>
        from r in Enumerable.Range(0, rows) from v in Enumerable.Range(0, vectors) select (r, v);
}
