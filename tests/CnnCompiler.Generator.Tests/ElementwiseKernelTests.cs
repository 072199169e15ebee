using System.Runtime.CompilerServices;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Tests.Infrastructure;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// The kernels analysis decides for the element-wise kinds (BatchNorm, residual add, activation, dropout, global
/// pooling), read from the plan: each layer's constants and fused form, and which layers share one kernel struct.
/// </summary>
public sealed class ElementwiseKernelTests
{
    private static string ResNet20Source([CallerFilePath] string thisFile = "") =>
        "using CnnCompiler;\n\n" + File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "samples", "Architectures", "Networks", "ResNet20.cs"));

    [Fact]
    public void ResNet20_BatchNorms_fuse_the_ReLU_after_them_and_equal_ones_share_a_kernel()
    {
        NetworkPlan plan = PlanHarness.Plan(ResNet20Source());

        Assert.Equal(new BatchNormKernel(16, 1024, 0.1f, 1e-5f, FusesReLU: true), plan.Layer("bn1").Kernel);
        Assert.Equal(new BatchNormKernel(16, 1024, 0.1f, 1e-5f, FusesReLU: false), plan.Layer("layer1.0.bn2").Kernel);
        Assert.Equal(new BatchNormKernel(64, 64, 0.1f, 1e-5f, FusesReLU: true), plan.Layer("layer3.2.bn1").Kernel);
        // A projection's BatchNorm feeds the add, as bn2 does: the same kernel.
        Assert.Equal(plan.Layer("layer2.0.bn2").KernelName, plan.Layer("layer2.0.downsample.1").KernelName);
        Assert.Equal(plan.Layer("bn1").KernelName, plan.Layer("layer1.2.bn1").KernelName);
        Assert.NotEqual(plan.Layer("layer1.0.bn1").KernelName, plan.Layer("layer1.0.bn2").KernelName);
        // 21 BatchNorms, 9 adds and 19 ReLUs over three stages: one kernel per stage and form.
        Assert.Equal(6, KernelNames<BatchNormKernel>(plan).Count);
        Assert.Equal(3, KernelNames<AddKernel>(plan).Count);
        Assert.Equal(3, KernelNames<ActivationKernel>(plan).Count);
    }

    [Fact]
    public void ResNet20_adds_fuse_the_ReLU_after_them_and_the_pooling_takes_the_mean()
    {
        NetworkPlan plan = PlanHarness.Plan(ResNet20Source());

        Assert.Equal(new AddKernel(16 * 32 * 32, FusesReLU: true), plan.Layer("layer1.0.add").Kernel);
        Assert.Equal(new AddKernel(64 * 8 * 8, FusesReLU: true), plan.Layer("layer3.0.add").Kernel);
        Assert.Equal(new ActivationKernel(16 * 32 * 32, ActivationKind.ReLU, 0f), plan.Layer("relu1").Kernel);
        Assert.True(plan.Layer("layer1.0.relu2").FusedIntoPrevious);
        Assert.Equal(new GlobalPoolKernel(64, 64, Maximum: false), plan.Layer("gap1").Kernel);
    }

    /// <summary>
    /// A layer whose class would hold nothing of its own (ReLU, add, mean pooling) is called through one class per
    /// kernel struct; layers with offsets or workspace arrays of their own (convolutions, BatchNorms, dense) keep theirs.
    /// </summary>
    [Fact]
    public void ResNet20_ReLUs_and_adds_share_one_class_per_kernel_and_parameter_layers_keep_their_own()
    {
        NetworkPlan plan = PlanHarness.Plan(ResNet20Source());

        Assert.Equal("ActivationKernel1Layers", plan.Layer("relu1").ClassName);
        Assert.Equal("ActivationKernel1Layers", plan.Layer("layer1.2.relu2").ClassName);
        Assert.Equal(plan.Layer("layer3.0.relu1").KernelName + "Layers", plan.Layer("layer3.2.relu2").ClassName);
        Assert.Equal("AddKernel1Layers", plan.Layer("layer1.0.add").ClassName);
        Assert.Equal("GlobalPoolKernel1Layers", plan.Layer("gap1").ClassName);
        Assert.Equal("Layer1_0_Conv1", plan.Layer("layer1.0.conv1").ClassName);
        Assert.Equal("Layer1_0_Bn1", plan.Layer("layer1.0.bn1").ClassName);
        Assert.Equal("Fc", plan.Layer("fc").ClassName);
        // 19 ReLUs, 9 adds and the pooling: 7 classes; every other layer its own.
        Assert.Equal(7, plan.Layers.Where(l => l.ClassName != l.Identifier).Select(l => l.ClassName).Distinct().Count());
        Assert.Equal(plan.Layers.Count(l => l.Kind is LayerKind.Conv or LayerKind.BatchNorm or LayerKind.Dense),
            plan.Layers.Count(l => l.ClassName == l.Identifier));
    }

    /// <summary>A layer named like a shared class gets a suffix, as one named like any generated name does.</summary>
    [Fact]
    public void A_layer_named_like_a_shared_class_gets_a_class_of_its_own()
    {
        NetworkPlan plan = PlanHarness.Plan(PlanSource);

        Assert.Equal("ActivationKernel1Layers_2", plan.Layer("activationKernel1Layers").ClassName);
        Assert.Equal("ActivationKernel1Layers", plan.Layer("relu1").ClassName);
        GeneratorResult result = GeneratorHarness.Run(PlanSource);
        Assert.Empty(result.Errors);
    }

    private const string PlanSource = """
        using CnnCompiler;
        namespace Shared;
        [Network(1, 4, 4)]
        [Conv2D(2, 3, Padding = Padding.Same, Name = "activationKernel1Layers")]
        [ReLU]
        [Flatten]
        [Dense(2)]
        [SoftmaxCrossEntropy]
        public partial class Net;
        """;

    [Fact]
    public void Every_element_wise_kind_records_its_settings()
    {
        NetworkPlan plan = PlanHarness.Plan(
            """
            using CnnCompiler;

            namespace Plans;

            [Network(3, 8, 8)]
            [Conv2D(8, 3, Padding = Padding.Same, Name = "stem")]
            [MaxPool2D(2)]
            [BatchNorm(Momentum = 0.2f, Epsilon = 1e-3f)]
            [Dropout(0.25f)]
            [Add("pool1")]
            [LeakyReLU(0.2f)]
            [LeakyReLU]
            [ELU(0.7f)]
            [ELU]
            [GELU]
            [GlobalMaxPool]
            [Dense(6)]
            [BatchNorm]
            [Dense(4)]
            [SoftmaxCrossEntropy]
            public partial class EveryKind;
            """);

        // After pooling nothing folds it and no ReLU follows; after a dense layer it is per feature.
        Assert.Equal(new BatchNormKernel(8, 16, 0.2f, 1e-3f, FusesReLU: false), plan.Layer("bn1").Kernel);
        Assert.False(plan.Layer("bn1").FoldedIntoPrevious);
        Assert.Equal(new BatchNormKernel(6, 1, 0.1f, 1e-5f, FusesReLU: false), plan.Layer("bn2").Kernel);
        Assert.True(plan.Layer("bn2").FoldedIntoPrevious);
        Assert.Equal(new DropoutKernel(8 * 4 * 4, 0.25f), plan.Layer("dropout1").Kernel);
        Assert.Equal(new AddKernel(8 * 4 * 4, FusesReLU: false), plan.Layer("add1").Kernel);
        // Slopes and α as declared, else PyTorch's defaults.
        Assert.Equal(new ActivationKernel(128, ActivationKind.LeakyReLU, 0.2f), plan.Layer("leakyrelu1").Kernel);
        Assert.Equal(new ActivationKernel(128, ActivationKind.LeakyReLU, 0.01f), plan.Layer("leakyrelu2").Kernel);
        Assert.Equal(new ActivationKernel(128, ActivationKind.ELU, 0.7f), plan.Layer("elu1").Kernel);
        Assert.Equal(new ActivationKernel(128, ActivationKind.ELU, 1f), plan.Layer("elu2").Kernel);
        Assert.Equal(new ActivationKernel(128, ActivationKind.GELU, 0f), plan.Layer("gelu1").Kernel);
        Assert.Equal(new GlobalPoolKernel(8, 16, Maximum: true), plan.Layer("gmp1").Kernel);
    }

    /// <summary>
    /// ReLU6 fuses into a convolution or dense layer (its derivative is read off the output); Hardswish, Hardsigmoid and
    /// SiLU, whose derivative PyTorch takes from the input, become layers of their own after it, as GELU does. None of
    /// them picks He initialization (only ReLU does).
    /// </summary>
    [Fact]
    public void ReLU6_fuses_and_the_other_modern_activations_become_layers_after_the_layer_that_declares_them()
    {
        NetworkPlan plan = PlanHarness.Plan(ModernSource);

        Assert.Equal(ActivationKind.ReLU6, plan.Layer("conv1").Decl.Activation);
        Assert.Equal(ActivationKind.ReLU6, plan.Layer("dense3").Decl.Activation);
        Assert.Equal(ActivationKind.None, plan.Layer("conv2").Decl.Activation);
        Assert.Equal(ActivationKind.None, plan.Layer("dense1").Decl.Activation);
        Assert.Equal(ActivationKind.None, plan.Layer("dense2").Decl.Activation);
        Assert.Equal(new ActivationKernel(144, ActivationKind.Hardswish, 0f), plan.Layer("conv2.hardswish").Kernel);
        Assert.Equal(new ActivationKernel(6, ActivationKind.SiLU, 0f), plan.Layer("dense1.silu").Kernel);
        Assert.Equal(new ActivationKernel(5, ActivationKind.Hardsigmoid, 0f), plan.Layer("dense2.hardsigmoid").Kernel);
        // The split layer and the stand-alone one run the same kernel struct.
        Assert.Equal(plan.Layer("conv2.hardswish").KernelName, plan.Layer("hardswish1").KernelName);
        Assert.Equal(new ActivationKernel(144, ActivationKind.ReLU6, 0f), plan.Layer("relu61").Kernel);
        Assert.Equal(new ActivationKernel(144, ActivationKind.Hardsigmoid, 0f), plan.Layer("hardsigmoid1").Kernel);
        Assert.Equal(new ActivationKernel(144, ActivationKind.SiLU, 0f), plan.Layer("silu1").Kernel);
        Assert.All(plan.Layers.Where(l => l.Kind is LayerKind.Conv or LayerKind.Dense), l => Assert.False(l.FollowedByReLU, l.Name));
        Assert.Empty(GeneratorHarness.Run(ModernSource).Errors);
    }

    private const string ModernSource =
        """
        using CnnCompiler;

        namespace Plans;

        [Network(2, 6, 6)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU6)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Hardswish)]
        [ReLU6]
        [Hardswish]
        [Hardsigmoid]
        [SiLU]
        [Flatten]
        [Dense(6, Activation = Activation.SiLU)]
        [Dense(5, Activation = Activation.Hardsigmoid)]
        [Dense(4, Activation = Activation.ReLU6)]
        [Dense(3)]
        [SoftmaxCrossEntropy]
        public partial class Modern;
        """;

    [Fact]
    public void A_flatten_is_a_view_without_a_kernel_unless_it_ends_the_network()
    {
        NetworkPlan inner = PlanHarness.Plan(
            """
            using CnnCompiler;

            namespace Plans;

            [Network(2, 4, 4)]
            [Conv2D(3, 3)]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class FlattenInside;
            """);
        Assert.True(inner.Layer("flatten1").IsView);
        Assert.Null(inner.Layer("flatten1").Kernel);

        NetworkPlan last = PlanHarness.Plan(
            """
            using CnnCompiler;

            namespace Plans;

            [Network(2, 4, 4)]
            [Conv2D(3, 3)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class FlattenLast;
            """);
        // The loss needs the outputs in a buffer of the last layer's own: an identity copy.
        Assert.Equal(new ActivationKernel(12, ActivationKind.None, 0f), last.Layer("flatten1").Kernel);
    }

    private static HashSet<string> KernelNames<TKernel>(NetworkPlan plan) where TKernel : KernelPlan =>
        plan.Layers.Where(layer => layer.Kernel is TKernel).Select(layer => layer.KernelName).ToHashSet(StringComparer.Ordinal);
}
