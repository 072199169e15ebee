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

    public static TheoryData<string> Functions => new() { "ReLU", "LeakyReLU", "ELU", "GELU", "Sigmoid", "Tanh" };

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
            _ => Pair<Tanh>(),
        };
        // Inputs away from the kinks at 0, where the one-sided derivatives differ.
        float[] x = Values(Total, 1).Select(v => MathF.Abs(v) < 0.05f ? v + 0.3f : v).ToArray();
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
