using System.Linq;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// When a stride-1 3×3 convolution runs as Winograd F(2×2, 3×3) (the runtime's Winograd), and its blocks and GEMM
/// tiles. The geometry is the convolution's: <paramref name="Inputs"/> planes of <paramref name="InHeight"/> ×
/// <paramref name="InWidth"/> at (<paramref name="Top"/>, <paramref name="Left"/>) in a zero-bordered source of
/// (Height + 2) × (Width + 2); the forward pass's is the layer's, the input gradient's that of dY bordered by 2 − padding.
/// </summary>
internal sealed record WinogradTiling(int Inputs, int Outputs, int InHeight, int InWidth, int Height, int Width, int Top, int Left)
{
    private const int Lanes = DirectTiling.Lanes, WideLanes = DirectTiling.WideLanes;

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

    private int SourceHeight => Height + 2;

    private int SourceWidth => Width + 2;

    private int TileRows => Height / 2;

    private int TileColumns => Width / 2;

    private int Tiles => TileRows * TileColumns;

    /// <summary>Even output rows, whole vectors of 8 output columns, at least one vector of tiles, 32 channels each side, and the planes inside the bordered source.</summary>
    public bool Supported =>
        Height % 2 == 0 && Width % 8 == 0 && Tiles >= Lanes
        && Inputs >= MinChannels && Outputs >= MinChannels
        && Top >= 0 && Left >= 0 && Top + InHeight <= SourceHeight && Left + InWidth <= SourceWidth;

    /// <summary>Samples and rows of tiles per block: whole samples when one fits the budget, else a divisor of the tile rows.</summary>
    private (int Samples, int Rows) Block()
    {
        // At least one full GEMM tile of tiles (4 vectors of 8): with fewer, every weight of U (16·F·C floats, megabytes
        // for 256 channels) is streamed from memory for a handful of tiles.
        int budget = System.Math.Max(MinBlockTiles, BlockBytes / (4 * 16 * (Inputs + Outputs)));
        if (Tiles <= budget) return (System.Math.Max(1, System.Math.Min(MaxSamplesPerBlock, budget / Tiles)), TileRows);
        var divisors = Enumerable.Range(1, TileRows).Where(d => TileRows % d == 0 && d * TileColumns >= Lanes).ToList();
        var fitting = divisors.Where(d => d * TileColumns <= budget).ToList();
        return (1, fitting.Count > 0 ? fitting.Max() : divisors.Min());
    }

    /// <summary>
    /// The pass's blocks and tiles: transforms of 8 tiles per vector (4 when a row's tiles are not a multiple of 8), GEMM
    /// tiles of filters × vectors that fill the accumulators. Rows of exactly 4 tiles take two tile rows per 256-bit
    /// vector when the block's rows pair up: their V and M columns are adjacent. (bb3cff4 paired any 4-lane rows, so a
    /// layer 24 or 40 columns wide with an even number of tile rows per block mixed up its tiles.)
    /// </summary>
    public WinogradTiles Decide()
    {
        var (samples, rows) = Block();
        int blockTiles = samples * rows * TileColumns;
        int transformLanes = TileColumns % 8 == 0 ? 8 : 4;
        var (vectors, filters) = GemmTile(blockTiles, Lanes);
        bool wide = blockTiles >= WideLanes;
        var (wideVectors, wideFilters) = GemmTile(blockTiles, WideLanes);
        return new WinogradTiles(Tiles, TileRows, samples, rows, transformLanes, TileColumns == 4 && rows % 2 == 0, filters, vectors,
            wide ? wideFilters : null, wide ? wideVectors : null);
    }

    private (int Vectors, int Filters) GemmTile(int blockTiles, int lanes)
    {
        int vectors = System.Math.Max(1, System.Math.Min(MaxVectorsPerTile, blockTiles / lanes));
        return (vectors, DirectTiling.Balanced(Outputs, Accumulators / vectors));
    }

    /// <summary>Floats of the deinterleaved, zero-bordered source copy for one block's samples.</summary>
    public long SourceLength(WinogradTiles tiles) => (long)tiles.BlockSamples * Inputs * SourceHeight * SourceWidth;

    public long TransformedLength(WinogradTiles tiles) => 16L * Inputs * BlockTiles(tiles);

    public long ProductsLength(WinogradTiles tiles) => 16L * Outputs * BlockTiles(tiles);

    public long WeightsLength => 16L * Inputs * Outputs;

    private long BlockTiles(WinogradTiles tiles) => (long)tiles.BlockSamples * tiles.BlockRows * TileColumns;
}
