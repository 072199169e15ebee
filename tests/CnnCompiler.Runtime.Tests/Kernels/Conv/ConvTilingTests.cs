using CnnCompiler.CompilerServices;

namespace CnnCompiler.Runtime.Tests.Kernels.Conv;

/// <summary>
/// The runtime convolution kernels take whatever tiles the plan gives them: full and rest tiles of every dimension, up
/// to 16 accumulators, rows whose last vector overlaps the one before it. The networks the generator builds use a few of
/// these; here every kernel runs under several tilings of one shape. Each output is one chain of fused multiply-adds
/// whatever the tile, so the results must be bitwise equal across tilings (within a vector width where a kernel sums
/// across lanes), and close to a double-precision reference.
/// </summary>
public sealed class ConvTilingTests
{
    [Fact]
    public void Direct_kernels_give_the_same_bits_for_every_tiling()
    {
        ConvResult first = ConvRun.Kernel<DirectShape<D1x1x1>>();
        ConvRun.AssertClose(ConvRun.Reference<DirectShape<D1x1x1>>(), first);
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<DirectShape<D16x1x1>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<DirectShape<D5x1x3>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<DirectShape<D4x2x2>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<DirectShape<D3x4x1>>());
    }

    [Fact]
    public void Direct_kernels_with_512_bit_vectors_give_the_same_bits_for_every_tiling()
    {
        ConvResult first = ConvRun.Kernel<DirectShape<Wide1x1x1>>();
        ConvRun.AssertClose(ConvRun.Reference<DirectShape<Wide1x1x1>>(), first);
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<DirectShape<Wide8x1x2>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<DirectShape<Wide4x2x2>>());
        // The forward pass and dx sum one chain per output whatever the vector width; dW sums across lanes, so only they agree.
        ConvResult narrow = ConvRun.Kernel<DirectShape<D1x1x1>>();
        Assert.Equal(narrow.Output, first.Output);
        Assert.Equal(narrow.InputGradient, first.InputGradient);
    }

    [Fact]
    public void Direct_weight_gradient_of_a_pointwise_kernel_takes_16_filters_per_tile()
    {
        ConvResult first = ConvRun.Kernel<PointwiseShape<P1>>();
        ConvRun.AssertClose(ConvRun.Reference<PointwiseShape<P1>>(), first);
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<PointwiseShape<P16>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<PointwiseShape<P7>>());
    }

    [Fact]
    public void Channels_in_lanes_give_the_same_bits_for_every_tiling()
    {
        ConvResult first = ConvRun.Kernel<ChannelLanesShape<L1x1>>();
        ConvRun.AssertClose(ConvRun.Reference<ChannelLanesShape<L1x1>>(), first);
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<ChannelLanesShape<L2x5>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<ChannelLanesShape<L1x16>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<ChannelLanesShape<L2x3>>());
        // Blocks of rows carry the weight gradient's sums through the buffer: another order of additions than adding
        // each sample's sum once, so blocked tilings agree with each other (and with the reference), not with unblocked ones.
        ConvResult blocked = ConvRun.Kernel<ChannelLanesShape<L2x5Blocks1>>();
        ConvRun.AssertClose(ConvRun.Reference<ChannelLanesShape<L1x1>>(), blocked);
        ConvRun.AssertBitwiseEqual(blocked, ConvRun.Kernel<ChannelLanesShape<L1x3Blocks2>>());
        Assert.Equal(first.Output, blocked.Output);
    }

    [Fact]
    public void Winograd_gives_the_same_bits_for_every_block_transform_and_tile()
    {
        ConvResult first = ConvRun.Kernel<WinogradShape<W8Lanes>>();
        ConvRun.AssertClose(ConvRun.Reference<WinogradShape<W8Lanes>>(), first);
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<WinogradShape<W4Lanes>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<WinogradShape<WSingleVectors>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<WinogradShape<WWide>>());
    }

    [Fact]
    public void Winograd_pairs_the_rows_of_4_tiles_to_the_same_bits()
    {
        ConvResult first = ConvRun.Kernel<WinogradNarrowShape<W4LanesTwoRows>>();
        ConvRun.AssertClose(ConvRun.Reference<WinogradNarrowShape<W4LanesTwoRows>>(), first);
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<WinogradNarrowShape<WPaired>>());
        ConvRun.AssertBitwiseEqual(first, ConvRun.Kernel<WinogradNarrowShape<WPairedWholeSamples>>());
        // Rows of 8 tiles: the next tile row's V columns are 8 further, not 4, so pairing is refused; so is a block of
        // one row of 4 tiles, whose last GEMM vector would start before the block.
        var error = Assert.Throws<InvalidOperationException>(() => ConvRun.Kernel<WinogradShape<WPaired>>());
        Assert.Contains("on paired rows", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ConvRun.Kernel<WinogradNarrowShape<W4Lanes>>());
    }

    [Fact]
    public void A_tile_beyond_the_register_tiles_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConvRun.Kernel<DirectShape<TooMany>>());
        Assert.Contains("5 filters × 1 rows × 4 vectors", error.Message, StringComparison.Ordinal);
    }

    // Direct: filters × rows × vectors (rows of 3 vectors of 8: full blocks, rests and the overlapping vector; 3 rows).
    private readonly struct D1x1x1 : ITestTiles { public static int Filters => 1; public static int Rows => 1; public static int Vectors => 1; public static int GradientFilters => 1; }
    private readonly struct D16x1x1 : ITestTiles { public static int Filters => 16; public static int Rows => 1; public static int Vectors => 1; public static int GradientFilters => 5; }
    private readonly struct D5x1x3 : ITestTiles { public static int Filters => 5; public static int Rows => 1; public static int Vectors => 3; public static int GradientFilters => 3; }
    private readonly struct D4x2x2 : ITestTiles { public static int Filters => 4; public static int Rows => 2; public static int Vectors => 2; public static int GradientFilters => 4; }
    private readonly struct D3x4x1 : ITestTiles { public static int Filters => 3; public static int Rows => 4; public static int Vectors => 1; public static int GradientFilters => 2; }
    private readonly struct TooMany : ITestTiles { public static int Filters => 5; public static int Rows => 1; public static int Vectors => 4; public static int GradientFilters => 1; }
    private readonly struct Wide1x1x1 : ITestTiles { public static int Filters => 1; public static int Rows => 1; public static int Vectors => 1; public static int GradientFilters => 1; public static bool Wide => true; }
    private readonly struct Wide8x1x2 : ITestTiles { public static int Filters => 8; public static int Rows => 1; public static int Vectors => 2; public static int GradientFilters => 5; public static bool Wide => true; }
    private readonly struct Wide4x2x2 : ITestTiles { public static int Filters => 4; public static int Rows => 2; public static int Vectors => 2; public static int GradientFilters => 2; public static bool Wide => true; }

    // Pointwise: the weight gradient's filters (one accumulator each); the forward tile is fixed.
    private readonly struct P1 : ITestTiles { public static int Filters => 4; public static int Rows => 1; public static int Vectors => 2; public static int GradientFilters => 1; }
    private readonly struct P16 : ITestTiles { public static int Filters => 4; public static int Rows => 1; public static int Vectors => 2; public static int GradientFilters => 16; }
    private readonly struct P7 : ITestTiles { public static int Filters => 4; public static int Rows => 1; public static int Vectors => 2; public static int GradientFilters => 7; }

    // Channels in lanes: channel vectors × positions forward, channel vectors and row blocks for dW (4 rows: unblocked).
    private readonly struct L1x1 : ITestTiles { public static int ChannelVectors => 1; public static int Positions => 1; public static int GradientVectors => 1; public static int GradientBlockRows => 4; }
    private readonly struct L2x5 : ITestTiles { public static int ChannelVectors => 2; public static int Positions => 5; public static int GradientVectors => 4; public static int GradientBlockRows => 4; }
    private readonly struct L1x16 : ITestTiles { public static int ChannelVectors => 1; public static int Positions => 16; public static int GradientVectors => 5; public static int GradientBlockRows => 4; }
    private readonly struct L2x3 : ITestTiles { public static int ChannelVectors => 2; public static int Positions => 3; public static int GradientVectors => 3; public static int GradientBlockRows => 4; }
    private readonly struct L2x5Blocks1 : ITestTiles { public static int ChannelVectors => 2; public static int Positions => 5; public static int GradientVectors => 4; public static int GradientBlockRows => 1; }
    private readonly struct L1x3Blocks2 : ITestTiles { public static int ChannelVectors => 1; public static int Positions => 3; public static int GradientVectors => 5; public static int GradientBlockRows => 2; }

    // Winograd: blocks (samples × tile rows), transform lanes, GEMM tiles of filters × vectors of tiles.
    private readonly struct W8Lanes : ITestTiles { public static int BlockSamples => 1; public static int BlockRows => 8; public static int TransformLanes => 8; public static int Filters => 4; public static int Vectors => 4; }
    private readonly struct W4Lanes : ITestTiles { public static int BlockSamples => 2; public static int BlockRows => 1; public static int TransformLanes => 4; public static int Filters => 5; public static int Vectors => 3; }
    private readonly struct W4LanesTwoRows : ITestTiles { public static int BlockSamples => 2; public static int BlockRows => 2; public static int TransformLanes => 4; public static int Filters => 5; public static int Vectors => 3; }
    private readonly struct WPaired : ITestTiles { public static int BlockSamples => 1; public static int BlockRows => 2; public static int TransformLanes => 4; public static bool PairedRows => true; public static int Filters => 16; public static int Vectors => 1; }
    private readonly struct WPairedWholeSamples : ITestTiles { public static int BlockSamples => 3; public static int BlockRows => 4; public static int TransformLanes => 4; public static bool PairedRows => true; public static int Filters => 5; public static int Vectors => 3; public static bool Wide => true; }
    private readonly struct WSingleVectors : ITestTiles { public static int BlockSamples => 3; public static int BlockRows => 4; public static int TransformLanes => 8; public static int Filters => 8; public static int Vectors => 2; }
    private readonly struct WWide : ITestTiles { public static int BlockSamples => 2; public static int BlockRows => 4; public static int TransformLanes => 8; public static int Filters => 5; public static int Vectors => 3; public static bool Wide => true; }
}
