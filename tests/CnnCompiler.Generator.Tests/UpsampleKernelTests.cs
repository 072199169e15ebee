using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Tests.Infrastructure;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// The kernel analysis decides for [Upsample1D/2D/3D], read from the plan: every rank right-aligned into depth, height,
/// width (missing axes 1 with scale 1), the mode, the output shape, settings and FLOPs, and kernel sharing.
/// </summary>
public sealed class UpsampleKernelTests
{
    [Fact]
    public void Every_rank_and_mode_records_its_sizes_scales_and_mode()
    {
        NetworkPlan plan = PlanHarness.Plan(
            """
            using CnnCompiler;

            namespace Plans;

            [Network(2, 3, 4)]
            [Upsample2D(2)]
            [Conv2D(3, 3, Padding = Padding.Same)]
            [Upsample2D(3, 2, Mode = UpsampleMode.Linear)]
            [Upsample2D(1, 1, Mode = UpsampleMode.Nearest, Name = "same")]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Planes;
            """);

        LayerPlan up1 = plan.Layer("up1");
        Assert.Equal(new UpsampleKernel(2, 1, 3, 4, 1, 2, 2, Linear: false), up1.Kernel);
        Assert.Equal(Shape.Of(2, 6, 8), up1.Output);
        Assert.Equal(0, up1.Flops);
        Assert.Equal(0, up1.ParameterCount);
        Assert.Equal("scale 2, nearest", LayerDescription.Settings(up1));

        LayerPlan up2 = plan.Layer("up2");
        Assert.Equal(new UpsampleKernel(3, 1, 6, 8, 1, 3, 2, Linear: true), up2.Kernel);
        Assert.Equal(Shape.Of(3, 18, 16), up2.Output);
        // Two neighbours per axis, a multiply and an add each: 8 per output value.
        Assert.Equal(8L * 3 * 18 * 16, up2.Flops);
        Assert.Equal("scale 3×2, bilinear", LayerDescription.Settings(up2));
        Assert.Equal(Shape.Of(3, 18, 16), plan.Layer("same").Output);

    }

    [Fact]
    public void One_dimensional_layers_use_the_width_and_equal_layers_share_a_kernel()
    {
        NetworkPlan plan = PlanHarness.Plan(
            """
            using CnnCompiler;

            namespace Plans;

            [Network(2, 5)]
            [Upsample1D(2, Mode = UpsampleMode.Linear)]
            [MaxPool1D(2)]
            [Upsample1D(2, Mode = UpsampleMode.Linear)]
            [Upsample1D(2)]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Signals;
            """);

        Assert.Equal(new UpsampleKernel(2, 1, 1, 5, 1, 1, 2, Linear: true), plan.Layer("up1").Kernel);
        Assert.Equal(Shape.Of(2, 10), plan.Layer("up1").Output);
        Assert.Equal("scale 2, linear", LayerDescription.Settings(plan.Layer("up1")));
        Assert.Equal(plan.Layer("up1").KernelName, plan.Layer("up2").KernelName);
        Assert.Equal(new UpsampleKernel(2, 1, 1, 10, 1, 1, 2, Linear: false), plan.Layer("up3").Kernel);
        Assert.NotEqual(plan.Layer("up1").KernelName, plan.Layer("up3").KernelName);
    }

    [Fact]
    public void Three_dimensional_layers_keep_every_axis()
    {
        NetworkPlan plan = PlanHarness.Plan(
            """
            using CnnCompiler;

            namespace Plans;

            [Network(1, 2, 2, 3)]
            [Upsample3D(2, 1, 3, Mode = UpsampleMode.Linear)]
            [Upsample3D(2)]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Volumes;
            """);

        Assert.Equal(new UpsampleKernel(1, 2, 2, 3, 2, 1, 3, Linear: true), plan.Layer("up1").Kernel);
        Assert.Equal(Shape.Of(1, 4, 2, 9), plan.Layer("up1").Output);
        Assert.Equal("scale 2×1×3, trilinear", LayerDescription.Settings(plan.Layer("up1")));
        Assert.Equal(16L * 4 * 2 * 9, plan.Layer("up1").Flops);
        Assert.Equal(new UpsampleKernel(1, 4, 2, 9, 2, 2, 2, Linear: false), plan.Layer("up2").Kernel);
        Assert.Equal(Shape.Of(1, 8, 4, 18), plan.Layer("up2").Output);
    }
}
