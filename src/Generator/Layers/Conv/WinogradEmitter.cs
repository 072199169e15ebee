using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using System.Linq;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A stride-1 3×3 convolution of <see cref="InChannels"/> planes of <see cref="InHeight"/> × <see cref="InWidth"/>
/// placed at (<see cref="Top"/>, <see cref="Left"/>) in a zero-bordered source of (OutHeight + 2) × (OutWidth + 2):
/// output[o, y, x] = bias[o] + Σ_{i, ky, kx} weights[o, i, ky, kx] · source[i, y + ky, x + kx]. The forward pass uses it
/// on the layer's input with the padding as border; the input gradient on dY bordered by 2 − padding, with the weights
/// rotated and their channel axes swapped.
/// </summary>
internal sealed record WinogradConv(
    int InChannels, int OutChannels, int InHeight, int InWidth, int OutHeight, int OutWidth, int Top, int Left, bool ReluEpilogue)
{
    public int SourceHeight => OutHeight + 2;

    public int SourceWidth => OutWidth + 2;

    public int TileRows => OutHeight / 2;

    public int TileColumns => OutWidth / 2;

    public int Tiles => TileRows * TileColumns;
}

/// <summary>
/// Emits <see cref="WinogradConv"/> as Winograd's F(2×2, 3×3): each 2×2 output tile comes from its 4×4 input tile as
/// Y = Aᵀ [U ⊙ V] A with U = G g Gᵀ (the weights, transformed once per call by <c>WinogradKernels.TransformWeights</c>)
/// and V = Bᵀ d B, summed over input channels — 16 products per tile and channel pair where the direct convolution
/// takes 36, so 2.25× fewer multiplications. Per block of tiles (whole samples, or rows of tiles of one sample, sized
/// to keep the block's transformed data in the L2 cache) three passes run:
/// <list type="number">
/// <item>the input transform writes V[p, i, t] for the 16 positions p of each tile t, vectorized over 8 (or 4)
/// neighbouring tiles of a row, reading a copy of the source whose rows are split into even and odd columns;</item>
/// <item>16 GEMMs M[p] = U[p] · V[p] (output channels × input channels times input channels × tiles), in register
/// tiles of filters × vectors of 8 tiles;</item>
/// <item>the output transform turns the 16 M[p] of each tile into its 2×2 outputs, adds the bias, applies a fused
/// ReLU and interleaves the even and odd columns back into rows.</item>
/// </list>
/// </summary>
internal static class WinogradEmitter
{
    private const int Lanes = WideTwins.Lanes;

    private const int WideLanes = WideTwins.WideLanes;

    /// <summary>Accumulators per GEMM tile: 16 of AVX-512's 32 vector registers, as in the direct kernels.</summary>
    private const int Accumulators = 16;

    private const int MaxVectorsPerTile = 4;

    /// <summary>
    /// Below 32 input or output channels the transforms (per channel) cost too much next to the GEMMs (per channel pair):
    /// the direct kernel stays. Measured with `CnnCompiler.Bench profile-resnet20`: ResNet-20's 16-channel 32×32 layers
    /// ran their forward 12% slower with Winograd than direct, its 32- and 64-channel layers 10–20% faster.
    /// </summary>
    private const int MinChannels = 32;

    /// <summary>The bytes of V and M per block (16 positions × channels × tiles each): half of a 1 MiB L2 cache, less the weights' share.</summary>
    private const int BlockBytes = 384 * 1024;

    private const int MaxSamplesPerBlock = 16;

    private const int MinBlockTiles = Lanes * MaxVectorsPerTile;

    public static bool Supports(WinogradConv g) =>
        g.OutHeight % 2 == 0 && g.OutWidth % 8 == 0 && g.Tiles >= Lanes
        && g.InChannels >= MinChannels && g.OutChannels >= MinChannels
        && g.Top >= 0 && g.Left >= 0 && g.Top + g.InHeight <= g.SourceHeight && g.Left + g.InWidth <= g.SourceWidth;

    /// <summary>Tiles of one row that one transform vector covers: 8, or 4 when a row has 4 tiles (8 output columns).</summary>
    private static int TransformLanes(WinogradConv g) => g.TileColumns % 8 == 0 ? 8 : 4;

    /// <summary>
    /// Whether the transforms of a 4-tile row (8 output columns) take two tile rows per 256-bit vector: their V and M
    /// columns are adjacent (8 tiles in a row), so only the source loads and output stores are split in halves.
    /// </summary>
    private static bool PairedRows(WinogradConv g) => TransformLanes(g) == 4 && Block(g).Rows % 2 == 0;

    /// <summary>Samples and rows of tiles per block: whole samples when one fits the budget, else a divisor of the tile rows.</summary>
    public static (int Samples, int Rows) Block(WinogradConv g)
    {
        // At least one full GEMM tile of tiles (4 vectors of 8): with fewer, every weight of U (16·F·C floats, megabytes
        // for 256 channels) is streamed from memory for a handful of tiles.
        int budget = System.Math.Max(MinBlockTiles, BlockBytes / (4 * 16 * (g.InChannels + g.OutChannels)));
        if (g.Tiles <= budget) return (System.Math.Max(1, System.Math.Min(MaxSamplesPerBlock, budget / g.Tiles)), g.TileRows);
        var divisors = Enumerable.Range(1, g.TileRows).Where(d => g.TileRows % d == 0 && d * g.TileColumns >= Lanes).ToList();
        var fitting = divisors.Where(d => d * g.TileColumns <= budget).ToList();
        return (1, fitting.Count > 0 ? fitting.Max() : divisors.Min());
    }

    public static int BlockTiles(WinogradConv g)
    {
        var (samples, rows) = Block(g);
        return samples * rows * g.TileColumns;
    }

    /// <summary>Floats of the deinterleaved, zero-bordered source copy for one block's samples.</summary>
    public static long SourceLength(WinogradConv g) => (long)Block(g).Samples * g.InChannels * g.SourceHeight * g.SourceWidth;

    public static long TransformedLength(WinogradConv g) => 16L * g.InChannels * BlockTiles(g);

    public static long ProductsLength(WinogradConv g) => 16L * g.OutChannels * BlockTiles(g);

    public static long WeightsLength(WinogradConv g) => 16L * g.InChannels * g.OutChannels;

    public static string Describe(WinogradConv g)
    {
        var (samples, rows) = Block(g);
        string block = rows == g.TileRows ? $"{samples} sample{(samples == 1 ? "" : "s")}" : $"{rows} of {g.TileRows} tile rows";
        var (vectors, filters) = GemmTile(g);
        string wide = "";
        if (HasWideMultiply(g))
        {
            var (wideVectors, wideFilters) = GemmTile(g, WideLanes);
            wide = $" ({wideFilters} × {wideVectors} of {WideLanes} with 512-bit vectors)";
        }
        return $"Winograd F(2×2, 3×3), {g.Tiles} tiles per sample in blocks of {block}, GEMM tiles of {filters} filters × {vectors} vectors of {Lanes} tiles{wide}";
    }

    private static (int Vectors, int Filters) GemmTile(WinogradConv g, int lanes = Lanes)
    {
        int vectors = System.Math.Max(1, System.Math.Min(MaxVectorsPerTile, BlockTiles(g) / lanes));
        return (vectors, DirectConvEmitter.Balanced(g.OutChannels, Accumulators / vectors));
    }

    /// <summary>Whether a block has a full 512-bit vector of tiles (16), so that the GEMM has a Vector512 twin.</summary>
    private static bool HasWideMultiply(WinogradConv g) => BlockTiles(g) >= WideLanes;

    /// <summary>
    /// The driver <paramref name="method"/>(input, weights, bias, output, source, transformed, products, count) and its
    /// three passes (<paramref name="method"/>Input, …Multiply, …Output). <c>weights</c> are already transformed.
    /// </summary>
    public static void Emit(CodeWriter w, string method, string comment, WinogradConv g)
    {
        w.Line($"/// <summary>{comment}: Winograd F(2×2, 3×3) over blocks of tiles, the weights already transformed (U[p, o, i]).</summary>");
        using (w.Block($"private static void {method}(ReadOnlySpan<float> input, ref float weights, ReadOnlySpan<float> bias, Span<float> output, float[] source, ref float transformed, ref float products, int count)"))
        {
            EmitConstants(w, g, "Inputs", "Outputs", "InputHeight", "InputWidth", "Top", "Left", "Height", "Width", "SourceHeight", "SourceWidth", "TileRows", "TileColumns", "SamplesPerBlock", "RowsPerBlock");
            w.Line("const int InputLength = Inputs * InputHeight * InputWidth, SourceLength = Inputs * SourceHeight * SourceWidth, OutputLength = Outputs * Height * Width;");
            using (w.Block("for (int n = 0; n < count; n += SamplesPerBlock)"))
            {
                w.Line("int samples = Math.Min(SamplesPerBlock, count - n);");
                using (w.Block("for (int s = 0; s < samples; s++)"))
                {
                    w.Line("WinogradKernels.CopyDeinterleaved(input.Slice((n + s) * InputLength, InputLength), source.AsSpan(s * SourceLength, SourceLength), Inputs, InputHeight, InputWidth, SourceHeight, SourceWidth, Top, Left);");
                }
                w.Line("ref float target = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), n * OutputLength);");
                using (w.Block("for (int row = 0; row < TileRows; row += RowsPerBlock)"))
                {
                    w.Line($"{method}Input(ref MemoryMarshal.GetArrayDataReference(source), row, samples, ref transformed);");
                    w.Line("int tiles = samples * RowsPerBlock * TileColumns;");
                    if (HasWideMultiply(g))
                    {
                        w.Line("// 512-bit FMAs where the CPU runs them at full width (twice the 256-bit peak on Intel's AVX-512 cores).");
                        w.Line($"if (Vector512.IsHardwareAccelerated && tiles >= {WideLanes}) {method}MultiplyWide(ref weights, ref transformed, ref products, tiles);");
                        w.Line($"else {method}Multiply(ref weights, ref transformed, ref products, tiles);");
                    }
                    else
                    {
                        w.Line($"{method}Multiply(ref weights, ref transformed, ref products, tiles);");
                    }
                    w.Line($"{method}Output(ref products, bias, ref target, row, samples);");
                }
            }
        }
        w.Line();
        EmitInputTransform(w, method, g);
        w.Line();
        EmitMultiply(w, method, g, Lanes);
        if (HasWideMultiply(g))
        {
            w.Line();
            EmitMultiply(w, method, g, WideLanes);
        }
        w.Line();
        EmitOutputTransform(w, method, g);
    }

    /// <summary>The named constants <paramref name="names"/> of the geometry, in one declaration (only those the method uses).</summary>
    private static void EmitConstants(CodeWriter w, WinogradConv g, params string[] names)
    {
        var (samples, rows) = Block(g);
        var values = new Dictionary<string, int>
        {
            ["Inputs"] = g.InChannels, ["Outputs"] = g.OutChannels, ["InputHeight"] = g.InHeight, ["InputWidth"] = g.InWidth,
            ["Top"] = g.Top, ["Left"] = g.Left, ["Height"] = g.OutHeight, ["Width"] = g.OutWidth,
            ["SourceHeight"] = g.SourceHeight, ["SourceWidth"] = g.SourceWidth, ["TileRows"] = g.TileRows, ["TileColumns"] = g.TileColumns,
            ["SamplesPerBlock"] = samples, ["RowsPerBlock"] = rows, ["BlockTiles"] = samples * rows * g.TileColumns,
        };
        w.Line("const int " + string.Join(", ", names.Select(n => $"{n} = {values[n]}")) + ";");
    }

    /// <summary>
    /// V[p, i, t] = (Bᵀ d B)[p / 4, p % 4] for the 4×4 input tile d of every tile t of the block, with
    /// Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]]. A row's columns 2x … 2x + 3 are the even
    /// columns x, x + 1 and the odd ones x, x + 1 of the deinterleaved copy: four vector loads for a vector of tiles.
    /// </summary>
    private static void EmitInputTransform(CodeWriter w, string method, WinogradConv g)
    {
        int lanes = TransformLanes(g);
        bool paired = PairedRows(g);
        string vector = WideTwins.Vector(paired ? 8 : lanes);
        w.Line("/// <summary>V[p, i, t] = (Bᵀ d B)[p]: the 4×4 input tile d of each tile t in the block's rows, " + (paired ? "the 4 tiles of two tile rows per vector" : lanes + " neighbouring tiles per vector") + ".</summary>");
        using (w.Block($"private static void {method}Input(ref float source, int firstRow, int samples, ref float transformed)"))
        {
            EmitConstants(w, g, "Inputs", "SourceHeight", "SourceWidth", "TileColumns", "RowsPerBlock", "BlockTiles");
            w.Line("const int Half = SourceWidth / 2, PositionStride = Inputs * BlockTiles;");
            using (w.Block("for (int s = 0; s < samples; s++)"))
            using (w.Block("for (int i = 0; i < Inputs; i++)"))
            using (w.Block(paired ? "for (int r = 0; r < RowsPerBlock; r += 2)" : "for (int r = 0; r < RowsPerBlock; r++)"))
            {
                w.Line("ref float rows = ref Unsafe.Add(ref source, ((s * Inputs + i) * SourceHeight + 2 * (firstRow + r)) * SourceWidth);");
                w.Line("ref float target = ref Unsafe.Add(ref transformed, i * BlockTiles + (s * RowsPerBlock + r) * TileColumns);");
                using (w.Block($"for (int x = 0; x < TileColumns; x += {lanes})"))
                {
                    w.Line("// d B for each of the 4 rows: columns (c0 − c2, c1 + c2, c2 − c1, c1 − c3), c0 = even[x], c1 = odd[x], c2 = even[x + 1], c3 = odd[x + 1].");
                    if (paired) w.Line("// The lower half from tile row r (source rows 2r …), the upper half from tile row r + 1 (source rows 2r + 2 …).");
                    for (int q = 0; q < 4; q++)
                    {
                        string row = q == 0 ? "" : $"{q} * SourceWidth + ";
                        string Load(string column) => paired
                            ? $"Vector256.Create(Vector128.LoadUnsafe(ref rows, (UIntPtr)({row}{column})), Vector128.LoadUnsafe(ref rows, (UIntPtr)({q + 2} * SourceWidth + {column})))"
                            : $"{vector}.LoadUnsafe(ref rows, (UIntPtr)({row}{column}))";
                        w.Line($"{vector}<float> even{q} = {Load("x")}, nextEven{q} = {Load("x + 1")};");
                        w.Line($"{vector}<float> odd{q} = {Load("Half + x")}, nextOdd{q} = {Load("Half + x + 1")};");
                        w.Line($"{vector}<float> d{q}0 = even{q} - nextEven{q}, d{q}1 = odd{q} + nextEven{q}, d{q}2 = nextEven{q} - odd{q}, d{q}3 = odd{q} - nextOdd{q};");
                    }
                    w.Line("// Bᵀ (d B): rows (r0 − r2, r1 + r2, r2 − r1, r1 − r3).");
                    for (int j = 0; j < 4; j++)
                    {
                        string[] values = [$"d0{j} - d2{j}", $"d1{j} + d2{j}", $"d2{j} - d1{j}", $"d1{j} - d3{j}"];
                        for (int i = 0; i < 4; i++)
                        {
                            int p = 4 * i + j;
                            string offset = p == 0 ? "x" : $"{p} * PositionStride + x";
                            w.Line($"({values[i]}).StoreUnsafe(ref target, (UIntPtr)({offset}));");
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// M[p] = U[p] · V[p] for the 16 positions, in vectors of <paramref name="lanes"/> tiles: {method}Multiply with
    /// Vector256, {method}MultiplyWide with Vector512 (16 lanes).
    /// </summary>
    private static void EmitMultiply(CodeWriter w, string method, WinogradConv g, int lanes)
    {
        var (vectors, filters) = GemmTile(g, lanes);
        int block = vectors * lanes;
        string name = lanes == Lanes ? $"{method}Multiply" : $"{method}MultiplyWide";
        w.Line($"/// <summary>M[p, o, t] = Σ_i U[p, o, i] · V[p, i, t] for the 16 positions: tiles of {filters} filters × {vectors} vector{(vectors == 1 ? "" : "s")} of {lanes} tiles, an overlapping last vector for the rest.</summary>");
        using (w.Block($"private static void {name}(ref float weights, ref float transformed, ref float products, int tiles)"))
        {
            EmitConstants(w, g, "Inputs", "Outputs", "BlockTiles");
            using (w.Block("for (int p = 0; p < 16; p++)"))
            {
                w.Line("ref float u = ref Unsafe.Add(ref weights, p * Outputs * Inputs);");
                w.Line("ref float v = ref Unsafe.Add(ref transformed, p * Inputs * BlockTiles);");
                w.Line("ref float m = ref Unsafe.Add(ref products, p * Outputs * BlockTiles);");
                DirectConvEmitter.EmitTiledLoop(w, "f", "Outputs", g.OutChannels, filters, tileFilters =>
                {
                    w.Line("int t = 0;");
                    using (w.Block($"for (; t + {block} <= tiles; t += {block})")) EmitGemmTile(w, tileFilters, vectors, lanes);
                    if (vectors > 1)
                    {
                        using (w.Block($"for (; t + {lanes} <= tiles; t += {lanes})")) EmitGemmTile(w, tileFilters, 1, lanes);
                    }
                    w.Line($"// The rest (tiles come in multiples of 4) is computed again with the tiles before it: a last vector of {lanes} that overlaps (the same values stored twice).");
                    using (w.Block("if (t < tiles)"))
                    {
                        w.Line($"t = tiles - {lanes};");
                        EmitGemmTile(w, tileFilters, 1, lanes);
                    }
                });
            }
        }
    }

    private static void EmitGemmTile(CodeWriter w, int filters, int vectors, int lanes)
    {
        string vector = WideTwins.Vector(lanes);
        var pairs = (from f in Enumerable.Range(0, filters) from v in Enumerable.Range(0, vectors) select (f, v)).ToList();
        w.Line($"{vector}<float> " + string.Join(", ", pairs.Select(a => $"s{a.f}_{a.v} = {vector}<float>.Zero")) + ";");
        w.Line("ref float column = ref Unsafe.Add(ref v, t);");
        w.Line("ref float row = ref Unsafe.Add(ref u, f * Inputs);");
        using (w.Block("for (int i = 0; i < Inputs; i++)"))
        {
            for (int v = 0; v < vectors; v++)
            {
                w.Line($"{vector}<float> x{v} = {vector}.LoadUnsafe(ref column, (UIntPtr)(i * BlockTiles{(v == 0 ? "" : $" + {v * lanes}")}));");
            }
            for (int f = 0; f < filters; f++)
            {
                w.Line($"{vector}<float> w{f} = {vector}.Create(Unsafe.Add(ref row, {(f == 0 ? "i" : $"{f} * Inputs + i")}));");
                for (int v = 0; v < vectors; v++) w.Line($"s{f}_{v} = {vector}.FusedMultiplyAdd(x{v}, w{f}, s{f}_{v});");
            }
        }
        foreach (var (f, v) in pairs)
        {
            string offset = $"{(f == 0 ? "" : $"{f} * BlockTiles + ")}t{(v == 0 ? "" : $" + {v * lanes}")}";
            w.Line($"s{f}_{v}.StoreUnsafe(ref Unsafe.Add(ref m, f * BlockTiles), (UIntPtr)({offset}));");
        }
    }

    /// <summary>
    /// Y = Aᵀ M A for each tile, Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]], plus bias (and ReLU), its two columns interleaved
    /// back into the output rows.
    /// </summary>
    private static void EmitOutputTransform(CodeWriter w, string method, WinogradConv g)
    {
        int lanes = TransformLanes(g);
        bool paired = PairedRows(g);
        string vector = WideTwins.Vector(paired ? 8 : lanes);
        w.Line($"/// <summary>y = Aᵀ M A{(g.ReluEpilogue ? ", clamped at 0 (the fused ReLU)" : "")}: the 2×2 outputs of each tile, {(paired ? "the 4 tiles of two tile rows" : $"{lanes} neighbouring tiles")} per vector, even and odd columns interleaved into the rows.</summary>");
        using (w.Block($"private static void {method}Output(ref float products, ReadOnlySpan<float> bias, ref float output, int firstRow, int samples)"))
        {
            EmitConstants(w, g, "Outputs", "Height", "Width", "TileColumns", "RowsPerBlock", "BlockTiles");
            w.Line("const int PositionStride = Outputs * BlockTiles;");
            w.Line("bool hasBias = !bias.IsEmpty;");
            using (w.Block("for (int o = 0; o < Outputs; o++)"))
            {
                w.Line($"{vector}<float> b = hasBias ? {vector}.Create(bias[o]) : {vector}<float>.Zero;");
                using (w.Block("for (int s = 0; s < samples; s++)"))
                using (w.Block(paired ? "for (int r = 0; r < RowsPerBlock; r += 2)" : "for (int r = 0; r < RowsPerBlock; r++)"))
                {
                    w.Line("ref float tile = ref Unsafe.Add(ref products, o * BlockTiles + (s * RowsPerBlock + r) * TileColumns);");
                    w.Line("ref float target = ref Unsafe.Add(ref output, ((s * Outputs + o) * Height + 2 * (firstRow + r)) * Width);");
                    using (w.Block($"for (int x = 0; x < TileColumns; x += {lanes})"))
                    {
                        w.Line("// Aᵀ M: rows (m0 + m1 + m2, m1 − m2 − m3) of each column j.");
                        for (int j = 0; j < 4; j++)
                        {
                            string[] loads = Enumerable.Range(0, 4).Select(i => $"{vector}.LoadUnsafe(ref tile, (UIntPtr)({(4 * i + j == 0 ? "x" : $"{4 * i + j} * PositionStride + x")}))").ToArray();
                            w.Line($"{vector}<float> m0{j} = {loads[0]}, m1{j} = {loads[1]}, m2{j} = {loads[2]}, m3{j} = {loads[3]};");
                            w.Line($"{vector}<float> a0{j} = m0{j} + m1{j} + m2{j}, a1{j} = m1{j} - m2{j} - m3{j};");
                        }
                        w.Line("// (Aᵀ M) A: columns (a0 + a1 + a2, a1 − a2 − a3), plus bias.");
                        for (int i = 0; i < 2; i++)
                        {
                            string left = $"a{i}0 + a{i}1 + a{i}2 + b", right = $"a{i}1 - a{i}2 - a{i}3 + b";
                            if (g.ReluEpilogue)
                            {
                                left = $"{vector}.Max({left}, {vector}<float>.Zero)";
                                right = $"{vector}.Max({right}, {vector}<float>.Zero)";
                            }
                            w.Line($"({vector}<float> first{i}, {vector}<float> second{i}) = WinogradKernels.Interleave({left}, {right});");
                            string rowOffset = i == 0 ? "" : "Width + ";
                            w.Line($"first{i}.StoreUnsafe(ref target, (UIntPtr)({rowOffset}2 * x));");
                            // Paired rows: the second half is tile row r + 1's, two output rows down.
                            w.Line(paired
                                ? $"second{i}.StoreUnsafe(ref target, (UIntPtr)({2 + i} * Width + 2 * x));"
                                : $"second{i}.StoreUnsafe(ref target, (UIntPtr)({rowOffset}2 * x + {lanes}));");
                        }
                    }
                }
            }
        }
    }
}
