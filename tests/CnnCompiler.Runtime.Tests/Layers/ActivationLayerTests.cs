using CnnCompiler.CompilerServices;
using static CnnCompiler.Runtime.Tests.Layers.LayerTestData;

namespace CnnCompiler.Runtime.Tests.Layers;

/// <summary>
/// The runtime's stand-alone activation layer: each function's backward is its derivative (against central differences
/// of its forward, slope and α taken from the shape), and the identity copies both ways.
/// </summary>
public sealed class ActivationLayerTests
{
    private const int Length = 40, Count = 2, Total = Length * Count;

    private readonly struct Identity : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.None; public static float Alpha => 0f; }
    private readonly struct Relu : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.ReLU; public static float Alpha => 0f; }
    private readonly struct Leaky : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.LeakyReLU; public static float Alpha => 0.2f; }
    private readonly struct Elu : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.ELU; public static float Alpha => 0.7f; }
    private readonly struct Gelu : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.GELU; public static float Alpha => 0f; }
    private readonly struct Sigmoid : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.Sigmoid; public static float Alpha => 0f; }
    private readonly struct Tanh : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.Tanh; public static float Alpha => 0f; }
    private readonly struct Relu6 : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.ReLU6; public static float Alpha => 0f; }
    private readonly struct Hardswish : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.Hardswish; public static float Alpha => 0f; }
    private readonly struct Hardsigmoid : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.Hardsigmoid; public static float Alpha => 0f; }
    private readonly struct Silu : IActivationShape { public static int Length => ActivationLayerTests.Length; public static Activation Function => Activation.SiLU; public static float Alpha => 0f; }

    public static TheoryData<string> Functions => new() { "ReLU", "LeakyReLU", "ELU", "GELU", "Sigmoid", "Tanh", "ReLU6", "Hardswish", "Hardsigmoid", "SiLU" };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Backward_multiplies_by_the_derivative(string function)
    {
        (Action<float[], float[]> forward, Action<float[], float[], float[], float[]> backward) = function switch
        {
            "ReLU" => Pair<Relu>(),
            "LeakyReLU" => Pair<Leaky>(),
            "ELU" => Pair<Elu>(),
            "GELU" => Pair<Gelu>(),
            "Sigmoid" => Pair<Sigmoid>(),
            "Tanh" => Pair<Tanh>(),
            "ReLU6" => Pair<Relu6>(),
            "Hardswish" => Pair<Hardswish>(),
            "Hardsigmoid" => Pair<Hardsigmoid>(),
            "SiLU" => Pair<Silu>(),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
        // Inputs away from the kinks at 0 (and ±3 and 6 for the hard functions, whose inputs span [−8, 8)), where the
        // one-sided derivatives differ.
        float scale = function is "ReLU6" or "Hardswish" or "Hardsigmoid" or "SiLU" ? 4f : 1f;
        float[] x = Values(Total, 1).Select(v => v * scale).Select(v => new[] { 0f, 3f, -3f, 6f }.Any(k => MathF.Abs(v - k) < 0.05f) ? v + 0.3f : v).ToArray();
        float[] y = new float[Total], dy = Values(Total, 2).Select(v => v + 3f).ToArray(), dx = new float[Total];
        forward(x, y);
        backward(x, y, dy.ToArray(), dx);
        const float h = 1e-3f;
        for (int i = 0; i < Total; i++)
        {
            float[] yPlus = new float[Total], yMinus = new float[Total], shifted = x.ToArray();
            shifted[i] = x[i] + h;
            forward(shifted, yPlus);
            shifted[i] = x[i] - h;
            forward(shifted, yMinus);
            float slope = (yPlus[i] - yMinus[i]) / (2 * h);
            Assert.True(MathF.Abs(dy[i] * slope - dx[i]) <= 2e-2f * MathF.Max(1f, MathF.Abs(dx[i])), $"{function} at x = {x[i]}: dx = {dx[i]}, dy·f′ ≈ {dy[i] * slope}");
        }
    }

    /// <summary>The inputs at and around the kinks, and what PyTorch 1.13 gives there (float32; dy = 1).</summary>
    private static readonly float[] Boundary = [-4f, -3f, -1.5f, 0f, 1f, 3f, 5f, 6f, 7f];

    public static TheoryData<string> HardFunctions => new() { "ReLU6", "Hardswish", "Hardsigmoid", "SiLU" };

    /// <summary>
    /// Forward and backward at the boundaries, as PyTorch 1.13 computes them (printed by torch for these inputs):
    /// relu6′ is 0 at 0 and at 6; hardsigmoid′ is 1/6 on (−3, 3) and 0 at ±3; hardswish′ is x/3 + 0.5 on [−3, 3) and 1
    /// from 3 on (PyTorch's vector and double paths). Each input runs through the vector loop (nine values: eight and a
    /// leftover) and alone through the scalar loop, which must agree bitwise (SiLU within 2e-6 of PyTorch's printed values).
    /// </summary>
    [Theory]
    [MemberData(nameof(HardFunctions))]
    public void The_hard_functions_match_PyTorch_at_their_kinks(string function)
    {
        (float[] y, float[] dx, float tolerance) = function switch
        {
            "ReLU6" => (new[] { 0f, 0f, 0f, 0f, 1f, 3f, 5f, 6f, 6f }, new[] { 0f, 0f, 0f, 0f, 1f, 1f, 1f, 0f, 0f }, 0f),
            "Hardsigmoid" => (new[] { 0f, 0f, 0.25f, 0.5f, 4f / 6f, 1f, 1f, 1f, 1f }, new[] { 0f, 0f, 1f / 6f, 1f / 6f, 1f / 6f, 0f, 0f, 0f, 0f }, 0f),
            "Hardswish" => (new[] { -0f, -0f, -0.375f, 0f, 4f / 6f, 3f, 5f, 6f, 7f }, new[] { 0f, -0.5f, 0f, 0.5f, 1f / 3f + 0.5f, 1f, 1f, 1f, 1f }, 0f),
            "SiLU" => (new[] { -0.071945f, -0.142278f, -0.273638f, 0f, 0.731059f, 2.857723f, 4.966536f, 5.985165f, 6.993623f },
                new[] { -0.052665f, -0.088104f, -0.041294f, 0.5f, 0.927671f, 1.088104f, 1.026547f, 1.012326f, 1.00546f }, 2e-6f),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
        (float[] Y, float[] Dx) Run(float[] x)
        {
            float[] output = new float[x.Length], gradient = new float[x.Length];
            float[] dy = Enumerable.Repeat(1f, x.Length).ToArray();
            switch (function)
            {
                case "ReLU6":
                    ActivationKernels.ReLU6(x, output);
                    ActivationKernels.ReLU6Backward(output, dy, gradient);
                    break;
                case "Hardsigmoid":
                    ActivationKernels.Hardsigmoid(x, output);
                    ActivationKernels.HardsigmoidBackwardFromInput(x, dy, gradient);
                    break;
                case "Hardswish":
                    ActivationKernels.Hardswish(x, output);
                    ActivationKernels.HardswishBackwardFromInput(x, dy, gradient);
                    break;
                default:
                    ActivationKernels.SiLU(x, output);
                    ActivationKernels.SiLUBackwardFromInput(x, dy, gradient);
                    break;
            }
            return (output, gradient);
        }

        var vector = Run(Boundary);
        for (int i = 0; i < Boundary.Length; i++)
        {
            Assert.True(MathF.Abs(vector.Y[i] - y[i]) <= tolerance, $"{function}({Boundary[i]}) = {vector.Y[i]}, PyTorch {y[i]}");
            Assert.True(MathF.Abs(vector.Dx[i] - dx[i]) <= tolerance, $"{function}′({Boundary[i]}) = {vector.Dx[i]}, PyTorch {dx[i]}");
            if (tolerance > 0f) continue; // SiLU's σ comes from TensorPrimitives, whose vector and scalar paths may round differently
            var scalar = Run([Boundary[i]]);
            Assert.Equal(BitConverter.SingleToInt32Bits(vector.Y[i]), BitConverter.SingleToInt32Bits(scalar.Y[0]));
            Assert.Equal(BitConverter.SingleToInt32Bits(vector.Dx[i]), BitConverter.SingleToInt32Bits(scalar.Dx[0]));
        }
        if (tolerance == 0f) Assert.Equal(Bits(y), Bits(vector.Y)); // signed zeros too
    }

    /// <summary>The in-place forms (fused ReLU6, and each function with its input as its output) give the one-pass values.</summary>
    [Fact]
    public void In_place_forms_give_the_one_pass_values()
    {
        float[] x = Values(37, 5).Select(v => v * 4f).ToArray(), dy = Values(37, 6);
        float[] expected = new float[x.Length], expectedGradient = new float[x.Length];
        ActivationKernels.ReLU6(x, expected);
        ActivationKernels.ReLU6Backward(expected, dy, expectedGradient);
        float[] values = x.ToArray(), gradient = dy.ToArray();
        ActivationKernels.ReLU6(values);
        ActivationKernels.ReLU6Backward(values, gradient);
        Assert.Equal(Bits(expected), Bits(values));
        Assert.Equal(Bits(expectedGradient), Bits(gradient));
        foreach (var (forward, backward) in new (Action<float[], float[]>, Action<float[], float[], float[]>)[]
        {
            ((a, b) => ActivationKernels.Hardswish(a, b), (a, g, d) => ActivationKernels.HardswishBackwardFromInput(a, g, d)),
            ((a, b) => ActivationKernels.Hardsigmoid(a, b), (a, g, d) => ActivationKernels.HardsigmoidBackwardFromInput(a, g, d)),
            ((a, b) => ActivationKernels.SiLU(a, b), (a, g, d) => ActivationKernels.SiLUBackwardFromInput(a, g, d)),
        })
        {
            forward(x, expected);
            backward(x, dy, expectedGradient);
            values = x.ToArray();
            gradient = dy.ToArray();
            backward(values, gradient, gradient);
            forward(values, values);
            Assert.Equal(Bits(expected), Bits(values));
            Assert.Equal(Bits(expectedGradient), Bits(gradient));
        }
    }

    [Fact]
    public void The_identity_copies_both_ways_and_an_unwanted_gradient_is_not_written()
    {
        float[] x = Values(Total, 3), y = new float[Total], dy = Values(Total, 4), dx = new float[Total];
        ActivationLayer<Identity>.Forward(x, y, Count);
        ActivationLayer<Identity>.Backward(x, y, dy, dx, Count);
        Assert.Equal(Bits(x), Bits(y));
        Assert.Equal(Bits(dy), Bits(dx));

        float[] untouched = dy.ToArray();
        ActivationLayer<Sigmoid>.Backward(x, y, untouched, default, Count);
        Assert.Equal(Bits(dy), Bits(untouched)); // no gradient wanted: dy is not even scaled in place
    }

    private static (Action<float[], float[]>, Action<float[], float[], float[], float[]>) Pair<T>() where T : struct, IActivationShape =>
        ((x, y) => ActivationLayer<T>.Forward(x, y, Count), (x, y, dy, dx) => ActivationLayer<T>.Backward(x, y, dy, dx, Count));
}
