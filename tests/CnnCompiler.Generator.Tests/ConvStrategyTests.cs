using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Tests.Infrastructure;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Every convolution's strategies and tiles are decided in analysis and recorded in the plan (<see cref="ConvKernel"/>):
/// these pin them for the named layers of LeNet-5, ResNet-20 and VGG-small as the samples and the benchmark declare
/// them. A change of decision shows here, by layer, rather than as a diff of generated code.
/// </summary>
public sealed class ConvStrategyTests
{
    private static readonly NetworkPlan LeNet5 = PlanHarness.Plan("using CnnCompiler;\n\nnamespace Tests;\n\n" + SnapshotTests.LeNet5Declaration);

    private static readonly NetworkPlan ResNet20 = PlanHarness.Plan(PlanHarness.Declaration("samples/Architectures/Networks/ResNet20.cs"));

    private static readonly NetworkPlan VggSmall = PlanHarness.Plan(PlanHarness.Declaration("samples/Architectures/Networks/VggSmall.cs"));

    private static readonly NetworkPlan BenchVggSmall = PlanHarness.Plan(PlanHarness.Declaration("bench/CnnCompiler.Bench/BenchCifarNets.cs"));

    private static ConvKernel Kernel(NetworkPlan plan, string layer) => Assert.IsType<ConvKernel>(plan.Layer(layer).Kernel);

    private static DirectTiles Direct(int filters, int rows, int vectors, int wideFilters, int wideRows, int wideVectors) =>
        new(new DirectTile(filters, rows, vectors), new DirectTile(wideFilters, wideRows, wideVectors));

    [Fact]
    public void LeNet5_conv1_convolves_directly_in_every_pass()
    {
        ConvKernel conv1 = Kernel(LeNet5, "conv1");
        Assert.Equal((ConvForward.Direct, ConvWeightGradient.Direct, ConvInputGradient.Direct), (conv1.Forward, conv1.WeightGradient, conv1.InputGradient));
        // 28 columns: 4 vectors of 8 (the last overlapping) or 2 of 16 over 2 rows; 6 filters as 3 + 3.
        Assert.Equal(Direct(3, 1, 4, 3, 2, 2), conv1.ForwardDirect);
        Assert.Equal(new DirectWeightGradientTiles(3, 5, Wide: true), conv1.WeightGradientDirect);
        // dx: the one input channel is the convolution's one filter.
        Assert.Equal(Direct(1, 1, 4, 1, 2, 2), conv1.InputGradientDirect);
        Assert.False(conv1.UsesColumns);
    }

    [Fact]
    public void LeNet5_conv2_puts_channels_in_lanes_and_folds_its_input_gradient()
    {
        ConvKernel conv2 = Kernel(LeNet5, "conv2");
        Assert.Equal((ConvForward.ChannelLanes, ConvWeightGradient.ChannelLanes, ConvInputGradient.Columns), (conv2.Forward, conv2.WeightGradient, conv2.InputGradient));
        // 16 channels: 2 vectors of 8 × half a row of 10, or 1 vector of 16 × the whole row.
        Assert.Equal(new ChannelForwardTiles(2, 5, 1, 10), conv2.ForwardChannels);
        Assert.Equal(new ChannelGradientTiles(2, 10, 5, 10, 1, 10), conv2.WeightGradientChannels);
        // A valid 5×5 on 14×14: the bordered convolution would spend half its products on zeros, so dx is Wᵀ · dY and col2im.
        Assert.Equal(new BroadcastTile(4, 3, 3, Wide: true), conv2.InputGradientGemm);
        Assert.Null(conv2.InputGradientDirect);
    }

    [Fact]
    public void ResNet20_stem_and_first_stage_convolve_directly_and_share_one_kernel()
    {
        ConvKernel stem = Kernel(ResNet20, "conv1");
        Assert.Equal((ConvForward.Direct, ConvWeightGradient.Direct, ConvInputGradient.Direct), (stem.Forward, stem.WeightGradient, stem.InputGradient));
        Assert.Equal(Direct(4, 1, 4, 4, 2, 2), stem.ForwardDirect);
        Assert.Equal(Direct(3, 1, 4, 3, 2, 2), stem.InputGradientDirect);

        string[] stage1 = ["layer1.0.conv1", "layer1.0.conv2", "layer1.1.conv1", "layer1.1.conv2", "layer1.2.conv1", "layer1.2.conv2"];
        ConvKernel first = Kernel(ResNet20, stage1[0]);
        // 16 channels are below Winograd's 32: direct, 4 filters × 4 vectors of 8 (2 rows × 2 vectors of 16).
        Assert.Equal(ConvForward.Direct, first.Forward);
        Assert.Equal(Direct(4, 1, 4, 4, 2, 2), first.ForwardDirect);
        Assert.Equal(new DirectWeightGradientTiles(4, 3, Wide: true), first.WeightGradientDirect);
        Assert.Equal(Direct(4, 1, 4, 4, 2, 2), first.InputGradientDirect);
        Assert.Single(stage1.Select(name => ResNet20.Layer(name).KernelName).Distinct());
        Assert.NotEqual(ResNet20.Layer("conv1").KernelName, ResNet20.Layer(stage1[0]).KernelName);
    }

    [Theory]
    [InlineData("layer2.0.conv1", 32, 144, 256)]
    [InlineData("layer2.0.downsample.0", 32, 16, 256)]
    [InlineData("layer3.0.conv1", 64, 288, 64)]
    [InlineData("layer3.0.downsample.0", 64, 32, 64)]
    public void ResNet20_strided_layers_run_im2col_and_GEMMs(string layer, int filters, int columnRows, int columnCols)
    {
        ConvKernel kernel = Kernel(ResNet20, layer);
        Assert.Equal((ConvForward.Columns, ConvWeightGradient.Columns, ConvInputGradient.Columns), (kernel.Forward, kernel.WeightGradient, kernel.InputGradient));
        Assert.Equal((columnRows, columnCols), (kernel.Geometry.ColumnRows, kernel.Geometry.ColumnCols));
        Assert.Equal(GemmTiles.Broadcast(filters, columnCols, accumulate: false), kernel.ForwardGemm);
        // The dot-product GEMM's 512-bit kernel needs at least 16 vectors of 16 along K: 256 positions, not 64.
        Assert.Equal(new DotTile(2, 4, Wide: columnCols == 256), kernel.WeightGradientGemm);
        Assert.Equal(new BroadcastTile(4, 3, 3, Wide: true), kernel.InputGradientGemm);
    }

    [Fact]
    public void ResNet20_second_stage_runs_Winograd_in_one_sample_blocks()
    {
        string[] layers = ["layer2.0.conv2", "layer2.1.conv1", "layer2.1.conv2", "layer2.2.conv1", "layer2.2.conv2"];
        ConvKernel kernel = Kernel(ResNet20, layers[0]);
        Assert.Equal((ConvForward.Winograd, ConvWeightGradient.ChannelLanes, ConvInputGradient.Winograd), (kernel.Forward, kernel.WeightGradient, kernel.InputGradient));
        // 16×16: 64 tiles per sample, a block of one sample, 8 tiles per transform vector; GEMM tiles 4 filters × 4 vectors (of 8 or 16).
        var winograd = new WinogradTiles(Tiles: 64, TileRows: 8, BlockSamples: 1, BlockRows: 8, TransformLanes: 8, PairedRows: false, Filters: 4, Vectors: 4, WideFilters: 4, WideVectors: 4);
        Assert.Equal(winograd, kernel.ForwardWinograd);
        Assert.Equal(winograd, kernel.InputGradientWinograd);
        // A 16×16 plane: channels in lanes, in blocks of 8 rows whose dY fits 16 KB.
        Assert.Equal(new ChannelGradientTiles(4, 8, 3, 16, 2, 8), kernel.WeightGradientChannels);
        Assert.Single(layers.Select(name => ResNet20.Layer(name).KernelName).Distinct());
    }

    [Fact]
    public void ResNet20_third_stage_runs_Winograd_in_blocks_of_three_samples()
    {
        string[] layers = ["layer3.0.conv2", "layer3.1.conv1", "layer3.1.conv2", "layer3.2.conv1", "layer3.2.conv2"];
        ConvKernel kernel = Kernel(ResNet20, layers[0]);
        Assert.Equal((ConvForward.Winograd, ConvWeightGradient.ChannelLanes, ConvInputGradient.Winograd), (kernel.Forward, kernel.WeightGradient, kernel.InputGradient));
        // 8×8: 16 tiles per sample, 3 samples per block (48 tiles), rows of 4 tiles transformed two rows per vector;
        // 5 filters × 3 vectors of 16 tiles with 512-bit vectors.
        var winograd = new WinogradTiles(Tiles: 16, TileRows: 4, BlockSamples: 3, BlockRows: 4, TransformLanes: 4, PairedRows: true, Filters: 4, Vectors: 4, WideFilters: 5, WideVectors: 3);
        Assert.Equal(winograd, kernel.ForwardWinograd);
        Assert.Equal(winograd, kernel.InputGradientWinograd);
        Assert.Equal(new ChannelGradientTiles(5, 8, 3, 8, 4, 8), kernel.WeightGradientChannels);
        Assert.Single(layers.Select(name => ResNet20.Layer(name).KernelName).Distinct());
    }

    [Fact]
    public void VggSmall_first_layer_is_direct_and_the_rest_Winograd()
    {
        ConvKernel conv1 = Kernel(VggSmall, "conv1");
        // 3 input channels: below Winograd's 32 both ways (its dx would have 3 outputs), so direct.
        Assert.Equal((ConvForward.Direct, ConvWeightGradient.Direct, ConvInputGradient.Direct), (conv1.Forward, conv1.WeightGradient, conv1.InputGradient));
        Assert.Equal(Direct(4, 1, 4, 4, 2, 2), conv1.ForwardDirect);
        Assert.Equal(new DirectWeightGradientTiles(5, 3, Wide: true), conv1.WeightGradientDirect);
        Assert.Equal(Direct(3, 1, 4, 3, 2, 2), conv1.InputGradientDirect);

        ConvKernel conv2 = Kernel(VggSmall, "conv2");
        Assert.Equal((ConvForward.Winograd, ConvWeightGradient.Direct, ConvInputGradient.Winograd), (conv2.Forward, conv2.WeightGradient, conv2.InputGradient));
        // 256 tiles of 64 + 64 channels exceed the L2 budget: blocks of 2 of the 16 tile rows.
        Assert.Equal(new WinogradTiles(256, 16, 1, 2, 8, false, Filters: 4, Vectors: 4, WideFilters: 8, WideVectors: 2), conv2.ForwardWinograd);
        Assert.Equal(new DirectWeightGradientTiles(5, 3, Wide: true), conv2.WeightGradientDirect);

        foreach (string name in new[] { "conv3", "conv4", "conv5", "conv6" })
        {
            ConvKernel kernel = Kernel(VggSmall, name);
            Assert.Equal((ConvForward.Winograd, ConvWeightGradient.ChannelLanes, ConvInputGradient.Winograd), (kernel.Forward, kernel.WeightGradient, kernel.InputGradient));
        }
        // 16×16 × 128 channels: 4 of the 8 tile rows per block; dW with 5 channel vectors in blocks of 4 rows (2 with vectors of 16).
        ConvKernel conv3 = Kernel(VggSmall, "conv3");
        Assert.Equal(new WinogradTiles(64, 8, 1, 4, 8, false, Filters: 4, Vectors: 4, WideFilters: 8, WideVectors: 2), conv3.ForwardWinograd);
        Assert.Equal(new ChannelGradientTiles(5, 4, 3, 16, 5, 2), conv3.WeightGradientChannels);
    }

    [Fact]
    public void Bench_VggSmall_fuses_the_ReLU_into_the_same_strategies()
    {
        for (int i = 1; i <= 6; i++)
        {
            ConvKernel bench = Kernel(BenchVggSmall, "conv" + i), sample = Kernel(VggSmall, "conv" + i);
            Assert.Equal(ActivationKind.ReLU, bench.Activation);
            Assert.Equal(sample with { Activation = ActivationKind.ReLU }, bench);
        }
    }

    [Theory]
    [InlineData(8, 4, true)]
    [InlineData(24, 4, false)]
    [InlineData(16, 8, false)]
    public void Winograd_transforms_pair_tile_rows_only_for_rows_of_4_tiles(int width, int transformLanes, bool paired)
    {
        NetworkPlan plan = PlanHarness.Plan($"using CnnCompiler;\n\nnamespace Tests;\n\n[Network(32, 8, {width})]\n[Conv2D(32, 3, Padding = Padding.Same)]\n[SoftmaxCrossEntropy]\npublic partial class Net;\n");
        WinogradTiles tiles = Assert.IsType<ConvKernel>(plan.Layer("conv1").Kernel).ForwardWinograd!;
        // Every case has an even number of tile rows per block; only 4 tiles per row put two rows' V columns side by side.
        Assert.Equal(0, tiles.BlockRows % 2);
        Assert.Equal((transformLanes, paired), (tiles.TransformLanes, tiles.PairedRows));
    }
}
