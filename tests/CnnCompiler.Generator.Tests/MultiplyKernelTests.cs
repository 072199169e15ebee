using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Tests.Infrastructure;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// What analysis decides for [Multiply("name")], read from the plan: the wiring of both inputs, which one is the gate,
/// the output shape (the feature map's), FLOPs, and kernel sharing.
/// </summary>
public sealed class MultiplyKernelTests
{
    [Fact]
    public void Either_input_can_be_the_gate_and_the_output_has_the_feature_map_shape()
    {
        NetworkPlan plan = PlanHarness.Plan(
            """
            using CnnCompiler;

            namespace Plans;

            [Network(3, 4, 5)]
            [Conv2D(6, 3, Padding = Padding.Same, Name = "features")]
            [GlobalAveragePool]
            [Dense(2, Activation = Activation.ReLU)]
            [Dense(6, Activation = Activation.Sigmoid, Name = "gate")]
            [Multiply("features", Name = "excite")]
            [Conv2D(6, 1)]
            [Multiply("gate", Name = "again")]
            [Conv2D(6, 1)]
            [Multiply("gate", Name = "same")]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Gates;
            """);

        LayerPlan excite = plan.Layer("excite");
        Assert.Equal(new MultiplyKernel(6, 20, GateIsNamedInput: false), excite.Kernel);
        Assert.Equal(Shape.Of(6), excite.Input);
        Assert.Equal(Shape.Of(6, 4, 5), excite.Output);
        Assert.Equal(plan.Layer("gate").Index, excite.InputFrom);
        Assert.Equal(plan.Layer("features").Index, excite.SkipFrom);
        Assert.Equal(6L * 20, excite.Flops);
        Assert.Equal(0, excite.ParameterCount);
        Assert.Equal("", LayerDescription.Settings(excite));

        LayerPlan again = plan.Layer("again");
        Assert.Equal(new MultiplyKernel(6, 20, GateIsNamedInput: true), again.Kernel);
        Assert.Equal(Shape.Of(6, 4, 5), again.Output);
        Assert.Equal(again.Index - 1, again.InputFrom);
        Assert.Equal(plan.Layer("gate").Index, again.SkipFrom);
        Assert.NotEqual(excite.KernelName, again.KernelName);
        Assert.Equal(again.KernelName, plan.Layer("same").KernelName);
    }

    [Fact]
    public void Vectors_of_one_by_one_planes_and_one_dimensional_maps_are_gates()
    {
        NetworkPlan plan = PlanHarness.Plan(
            """
            using CnnCompiler;

            namespace Plans;

            [Network(2, 7)]
            [Conv1D(4, 3, Name = "features")]
            [AvgPool1D(5, Name = "squeezed")]
            [Conv1D(4, 1, Activation = Activation.Sigmoid)]
            [Multiply("features", Name = "excite")]
            [Conv1D(4, 5)]
            [Multiply("squeezed", Name = "both")]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Lines;
            """);

        // A 4×1 map is a gate like a vector of 4.
        LayerPlan excite = plan.Layer("excite");
        Assert.Equal(new MultiplyKernel(4, 5, GateIsNamedInput: false), excite.Kernel);
        Assert.Equal(Shape.Of(4, 5), excite.Output);
        // Both 4×1: the named one is the gate, the output the previous layer's shape.
        LayerPlan both = plan.Layer("both");
        Assert.Equal(new MultiplyKernel(4, 1, GateIsNamedInput: true), both.Kernel);
        Assert.Equal(Shape.Of(4, 1), both.Output);
    }
}
