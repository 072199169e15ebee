using CnnCompiler.Generator.Emit;

namespace CnnCompiler.Generator.Layers;

// The register tiles of the convolution kernels, as the plan records them. Each writes its constants into the kernel
// struct under a pass prefix (Forward, WeightGradient, InputGradient), named as the runtime's IConvShape names them.

/// <summary>A direct convolution's tile: filters × rows × vectors of columns (rows × vectors ≤ 4, all three ≤ 16 accumulators).</summary>
internal sealed record DirectTile(int Filters, int Rows, int Vectors)
{
    public string Describe(int lanes) =>
        $"{Filters} filter{S(Filters)} × {Rows} row{S(Rows)} × {Vectors} vector{S(Vectors)} of {lanes} columns";

    internal static string S(int count) => count == 1 ? "" : "s";
}

/// <summary>A direct convolution's tiles with 256-bit vectors and, where rows have 16 columns or more, 512-bit vectors.</summary>
internal sealed record DirectTiles(DirectTile Narrow, DirectTile? Wide)
{
    public string Describe() => Narrow.Describe(8) + (Wide is null ? "" : $" ({Wide.Describe(16)} with 512-bit vectors)");

    public void Emit(CodeWriter w, string pass)
    {
        w.Line($"public static int {pass}Filters => {Narrow.Filters};");
        w.Line($"public static int {pass}Rows => {Narrow.Rows};");
        w.Line($"public static int {pass}Vectors => {Narrow.Vectors};");
        if (Wide is null) return;
        w.Line($"public static int {pass}WideFilters => {Wide.Filters};");
        w.Line($"public static int {pass}WideRows => {Wide.Rows};");
        w.Line($"public static int {pass}WideVectors => {Wide.Vectors};");
        w.Line($"public static bool {pass}Wide => true;");
    }
}

/// <summary>The channels-in-lanes forward tile: vectors of output channels (1 or 2) × positions along a row; with 512-bit vectors where the channels fill vectors of 16.</summary>
internal sealed record ChannelForwardTiles(int Vectors, int Positions, int? WideVectors, int? WidePositions)
{
    public string Describe() =>
        $"{Vectors} channel vector{DirectTile.S(Vectors)} of 8 × {Positions} positions" + (WideVectors is null ? "" : $", {WideVectors} of 16 × {WidePositions} with 512-bit vectors");

    public void Emit(CodeWriter w)
    {
        w.Line($"public static int ForwardChannelVectors => {Vectors};");
        w.Line($"public static int ForwardPositions => {Positions};");
        if (WideVectors is null) return;
        w.Line($"public static int ForwardWideChannelVectors => {WideVectors};");
        w.Line($"public static int ForwardWidePositions => {WidePositions};");
        w.Line("public static bool ForwardWide => true;");
    }
}

/// <summary>
/// A Winograd F(2×2, 3×3) pass: samples and rows of tiles per block, tiles per transform vector (8, or 4 for rows of 4
/// tiles), whether those take two tile rows per vector, and the GEMMs' tiles of filters × vectors of 8 tiles (of 16
/// where a block has at least 16 tiles).
/// </summary>
internal sealed record WinogradTiles(
    int Tiles, int TileRows, int BlockSamples, int BlockRows, int TransformLanes, bool PairedRows, int Filters, int Vectors, int? WideFilters, int? WideVectors)
{
    public string Describe()
    {
        string block = BlockRows == TileRows ? $"{BlockSamples} sample{DirectTile.S(BlockSamples)}" : $"{BlockRows} of {TileRows} tile rows";
        string wide = WideFilters is null ? "" : $" ({WideFilters} × {WideVectors} of 16 with 512-bit vectors)";
        string transform = PairedRows ? "two rows of 4 tiles per transform vector" : $"{TransformLanes} tiles per transform vector";
        return $"Winograd F(2×2, 3×3), {Tiles} tiles per sample in blocks of {block}, {transform}, GEMM tiles of {Filters} filters × {Vectors} vectors of 8 tiles{wide}";
    }

    public void Emit(CodeWriter w, string pass)
    {
        w.Line($"public static int {pass}BlockSamples => {BlockSamples};");
        w.Line($"public static int {pass}BlockRows => {BlockRows};");
        w.Line($"public static int {pass}TransformLanes => {TransformLanes};");
        if (PairedRows) w.Line($"public static bool {pass}PairedRows => true;");
        w.Line($"public static int {pass}Filters => {Filters};");
        w.Line($"public static int {pass}Vectors => {Vectors};");
        if (WideFilters is null) return;
        w.Line($"public static int {pass}WideFilters => {WideFilters};");
        w.Line($"public static int {pass}WideVectors => {WideVectors};");
        w.Line($"public static bool {pass}Wide => true;");
    }
}

/// <summary>The direct weight gradient's tile: filters × kernel columns accumulators; with vectors of 16 columns where rows have 16 or more.</summary>
internal sealed record DirectWeightGradientTiles(int Filters, int KernelWidth, bool Wide)
{
    public string Describe() => $"{Filters} filter{DirectTile.S(Filters)} × {KernelWidth} kernel columns, vectors of 8 columns" + (Wide ? " (16 with 512-bit vectors)" : "");

    public void Emit(CodeWriter w)
    {
        w.Line($"public static int WeightGradientFilters => {Filters};");
        if (Wide) w.Line("public static bool WeightGradientWide => true;");
    }
}

/// <summary>
/// The channels-in-lanes weight gradient's tile: vectors of output channels × kernel columns, in blocks of output rows
/// (the height: one block); with 512-bit vectors where the channels fill vectors of 16.
/// </summary>
internal sealed record ChannelGradientTiles(int Vectors, int BlockRows, int KernelWidth, int Height, int? WideVectors, int? WideBlockRows)
{
    public string Describe() =>
        $"{Vectors} channel vector{DirectTile.S(Vectors)} of 8 × {KernelWidth} kernel columns{Blocks(BlockRows)}"
        + (WideVectors is null ? "" : $", {WideVectors} of 16{Blocks(WideBlockRows!.Value)} with 512-bit vectors");

    private string Blocks(int rows) => rows == Height ? "" : $" in blocks of {rows} rows";

    public void Emit(CodeWriter w)
    {
        w.Line($"public static int WeightGradientChannelVectors => {Vectors};");
        w.Line($"public static int WeightGradientBlockRows => {BlockRows};");
        if (WideVectors is null) return;
        w.Line($"public static int WeightGradientWideChannelVectors => {WideVectors};");
        w.Line($"public static int WeightGradientWideBlockRows => {WideBlockRows};");
        w.Line("public static bool WeightGradientWide => true;");
    }
}
