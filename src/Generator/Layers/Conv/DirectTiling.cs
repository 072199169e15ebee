using System.Linq;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// The tiles of the stride-1 2D kernels that read a zero-bordered copy (the runtime's DirectConvolution,
/// DirectWeightGradient, ChannelLanesForward and ChannelLanesWeightGradient), and when each applies. A tile keeps at
/// most 16 accumulators: half of the 32 vector registers AVX-512 gives, leaving room for inputs and weights.
/// </summary>
internal static class DirectTiling
{
    /// <summary>Floats in a 256-bit and a 512-bit vector.</summary>
    public const int Lanes = 8, WideLanes = 16;

    private const int Accumulators = 16;

    private const int MaxVectorsPerTile = 4;

    /// <summary>The direct kernels need at least one whole vector of output columns (a narrower last vector overlaps the one before it).</summary>
    public static bool Supports(int outWidth) => outWidth >= Lanes;

    /// <summary>
    /// The forward tile of <paramref name="filters"/> output channels over height × width outputs: up to 4 vectors of
    /// <paramref name="lanes"/> columns, as many rows as fill 4 vectors when a row is shorter, and the filters that fill the
    /// accumulators, spread evenly.
    /// </summary>
    public static DirectTile Tile(int filters, int height, int width, int lanes)
    {
        int rowVectors = (width + lanes - 1) / lanes;
        int vectors = System.Math.Min(rowVectors, MaxVectorsPerTile);
        int rows = rowVectors <= MaxVectorsPerTile ? System.Math.Max(1, System.Math.Min(height, MaxVectorsPerTile / vectors)) : 1;
        return new DirectTile(Balanced(filters, System.Math.Max(1, Accumulators / (vectors * rows))), rows, vectors);
    }

    /// <summary>The direct convolution's tiles: 256-bit, and 512-bit where rows have 16 columns or more.</summary>
    public static DirectTiles Tiles(int filters, int height, int width) =>
        new(Tile(filters, height, width, Lanes), width >= WideLanes ? Tile(filters, height, width, WideLanes) : null);

    /// <summary>
    /// The tile size for <paramref name="total"/> items at most <paramref name="largest"/> per tile that spreads them most
    /// evenly: 6 filters with room for 4 go as 3 + 3, not 4 + a weaker tile of 2.
    /// </summary>
    public static int Balanced(int total, int largest)
    {
        int tiles = (total + largest - 1) / largest;
        return (total + tiles - 1) / tiles;
    }

    /// <summary>The widest kernel whose weight-gradient tile (filters × kernel columns accumulators) still fits the registers.</summary>
    public const int MaxWeightGradientKernelWidth = 8;

    /// <summary>The direct weight gradient: filters with one accumulator per kernel column; 512-bit vectors where rows have 16 columns or more.</summary>
    public static DirectWeightGradientTiles WeightGradient(int filters, int width, int kernelWidth) =>
        new(Balanced(filters, System.Math.Max(1, Accumulators / kernelWidth)), kernelWidth, width >= WideLanes);

    /// <summary>Output planes up to 16×16 take the channel-vectorized weight gradient.</summary>
    private const int MaxPlaneForChannelGradient = 256;

    /// <summary>
    /// Whether the weight gradient vectorizes across output channels instead of output columns: for small planes, where a
    /// tile over columns reduces too few products per horizontal sum. Needs whole vectors of output channels.
    /// </summary>
    public static bool WeightGradientByChannel(int filters, int height, int width) =>
        filters % Lanes == 0 && height * width <= MaxPlaneForChannelGradient;

    /// <summary>The dY bytes of one row block of the channel-vectorized weight gradient: about half of a 48 KB L1.</summary>
    private const int ChannelGradientBlockBytes = 16 * 1024;

    /// <summary>The channel-vectorized weight gradient: channel vectors × kernel columns per tile, rows per block; 512-bit where the channels fill vectors of 16.</summary>
    public static ChannelGradientTiles ChannelGradient(int filters, int height, int width, int kernelWidth)
    {
        int vectors = ChannelGradientVectors(filters, kernelWidth, Lanes);
        bool wide = filters % WideLanes == 0;
        int? wideVectors = wide ? ChannelGradientVectors(filters, kernelWidth, WideLanes) : null;
        return new ChannelGradientTiles(vectors, ChannelGradientRows(height, width, vectors * Lanes), kernelWidth, height,
            wideVectors, wide ? ChannelGradientRows(height, width, wideVectors!.Value * WideLanes) : null);
    }

    private static int ChannelGradientVectors(int filters, int kernelWidth, int lanes) =>
        System.Math.Max(1, System.Math.Min(filters / lanes, Accumulators / kernelWidth));

    /// <summary>Rows per block: the largest divisor of the height whose dY (rows × width × the tile's channels) fits the block budget.</summary>
    private static int ChannelGradientRows(int height, int width, int channelsPerTile) =>
        Enumerable.Range(1, height).Where(r => height % r == 0 && (r == 1 || r * width * channelsPerTile * 4 <= ChannelGradientBlockBytes)).Max();

    /// <summary>
    /// Whether the forward pass puts output channels in the vector lanes: when rows are narrow enough that vectors of
    /// columns would waste lanes (a width under 32 that is not a multiple of 8, such as LeNet's 10) and the channels fill
    /// whole vectors.
    /// </summary>
    public static bool ForwardByChannel(int filters, int width) =>
        filters % Lanes == 0 && width % Lanes != 0 && width < 4 * Lanes;

    /// <summary>The channels-in-lanes forward: up to 2 channel vectors × the positions that fill the accumulators, a row cut evenly; 512-bit where the channels fill vectors of 16.</summary>
    public static ChannelForwardTiles ChannelForward(int filters, int width)
    {
        var (vectors, positions) = ChannelTile(filters, width, Lanes);
        if (filters % WideLanes != 0) return new ChannelForwardTiles(vectors, positions, null, null);
        var (wideVectors, widePositions) = ChannelTile(filters, width, WideLanes);
        return new ChannelForwardTiles(vectors, positions, wideVectors, widePositions);
    }

    private static (int Vectors, int Positions) ChannelTile(int filters, int width, int lanes)
    {
        int vectors = System.Math.Max(1, System.Math.Min(filters / lanes, 2));
        int maxPositions = Accumulators / vectors;
        int tilesPerRow = (width + maxPositions - 1) / maxPositions;
        return (vectors, (width + tilesPerRow - 1) / tilesPerRow);
    }
}
