using CnnCompiler.CompilerServices;
using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Reference;

namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// Max pooling's exact rule, on the data the reference comparisons keep away from: ties (the first element in window
/// order wins), signed zeros (the max is MathF.Max's, +0 over −0) and NaN (a NaN wins and keeps the win, so the winner
/// is the window's first NaN). Outputs are compared bitwise with <see cref="MaxPoolRule"/>, a scalar statement of the
/// rule, and so are input gradients, rebuilt from the rule's winners and the loss gradient of the network's own outputs.
/// The networks run every code path: windows one at a time (padded, clipped, narrow rows), and vectors of windows
/// (rows of 8 or more, with and without overlap; shorter rows; strides 1 to 4; 1D, 2D and 3D).
/// </summary>
public class MaxPoolRuleTests
{
    /// <summary>Every test network that is a max pool and the loss, nothing else.</summary>
    private static IEnumerable<string> PoolNetworkNames() =>
        NetworkCases.All.Where(c => c.Reference.Layers is [RefPool { IsMax: true }]).Select(c => c.Name);

    public static TheoryData<string> PoolNetworks => new(PoolNetworkNames());

    [Fact]
    public void Every_vector_row_shape_is_among_the_networks()
    {
        Assert.Superset(
            new HashSet<string> { "MaxPool2DWideOddWidth", "MaxPool2DShortRows", "MaxPool2DWideStride3", "MaxPool2DShortStride4", "MaxPool1DWide", "MaxPool3DWide" },
            PoolNetworkNames().ToHashSet());
    }

    /// <summary>
    /// Values from {−2, −1, −0, +0, 1}: most windows hold ties, many of them ±0. One sample is all 1, one alternates −0
    /// and +0, the rest are random. Outputs and input gradients bitwise.
    /// </summary>
    [Theory]
    [MemberData(nameof(PoolNetworks))]
    public void Ties_and_signed_zeros_follow_the_rule(string name)
    {
        NetworkCase network = NetworkCases.Get(name);
        var pool = (RefPool)network.Reference.Layers[0];
        int[] shape = network.Reference.InputShape;
        ITestNetwork net = network.Create(1);
        const int Count = 6;
        int length = net.InputLength, classes = net.OutputLength;
        float[] values = [-2f, -1f, -0f, 0f, 1f];
        var random = new Random(name.Length * 31 + 7);
        var inputs = new float[Count * length];
        for (int i = 0; i < length; i++)
        {
            inputs[i] = 1f;
            inputs[length + i] = i % 2 == 0 ? -0f : 0f;
        }
        for (int i = 2 * length; i < inputs.Length; i++) inputs[i] = values[random.Next(values.Length)];
        int[] labels = Enumerable.Range(0, Count).Select(_ => random.Next(classes)).ToArray();

        var outputs = new float[Count * classes];
        var expectedGradients = new float[inputs.Length];
        for (int n = 0; n < Count; n++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(n * length, length);
            Span<float> y = outputs.AsSpan(n * classes, classes);
            net.ComputeActivations("pool1", x, y);
            var (expected, _) = MaxPoolRule.Apply(x, shape, pool);
            // Padded windows run the clipped loops, which keep the winner's own value: on a tie of −0 and +0 that is
            // the first one's sign, where MathF.Max gives +0. Both are the max; only full windows match bit for bit.
            if (pool.Padding > 0) Assert.Equal(expected, y.ToArray());
            else AssertBitwise(expected, y, $"{name}, sample {n}: output");
        }

        // The loss gradient the network computes from these outputs, routed to the rule's winners in output order.
        var probabilities = new float[outputs.Length];
        var outputGradients = new float[outputs.Length];
        SoftmaxCrossEntropyKernels.Forward(outputs, labels, probabilities, classes);
        SoftmaxCrossEntropyKernels.Backward(probabilities, labels, outputGradients, classes, 1f / Count);
        for (int n = 0; n < Count; n++)
        {
            var (_, winners) = MaxPoolRule.Apply(inputs.AsSpan(n * length, length), shape, pool);
            for (int j = 0; j < classes; j++) expectedGradients[n * length + winners[j]] += outputGradients[n * classes + j];
        }
        var inputGradients = new float[inputs.Length];
        net.ComputeGradients(inputs, labels, inputGradients);
        AssertBitwise(expectedGradients, inputGradients, $"{name}: input gradient");
    }

    public static TheoryData<string> NaNNetworks => ["Wide", "Short", "WideOverlapping"];

    /// <summary>
    /// NaN inside the network (inputs must be finite): stem = 10·x and conv2 = −0.5·stem, so their sum is 5·x, but NaN
    /// where 10·x overflows to +∞ (∞ − ∞). A third of the inputs do; one sample is all NaN, one has none. The pool's
    /// input and output bitwise (NaN as NaN), and its winners as the input gradient's non-zero positions (both convs
    /// are 1×1, so positions map to themselves).
    /// </summary>
    [Theory]
    [MemberData(nameof(NaNNetworks))]
    public void NaN_wins_and_keeps_the_win(string shape)
    {
        (ITestNetwork net, int[] inputShape, RefPool pool) = shape switch
        {
            "Wide" => ((ITestNetwork)new NaNPoolWide(1), new[] { 1, 4, 22 }, new RefPool(true, [2, 2])),
            "Short" => (new NaNPoolShort(1), new[] { 1, 6, 10 }, new RefPool(true, [2, 2])),
            _ => (new NaNPoolWideOverlapping(1), new[] { 1, 7, 19 }, new RefPool(true, [3, 3], [2, 2])),
        };
        Assert.Equal(2, net.ParameterCount);
        net.Parameters[0] = 10f;   // stem
        net.Parameters[1] = -0.5f; // conv2
        const int Count = 6;
        int length = net.InputLength, classes = net.OutputLength;
        const float Overflows = 3e38f;
        float[] values = [Overflows, -1f, 0.5f, 1f, 2f];
        var random = new Random(shape.Length * 131 + 1);
        var inputs = new float[Count * length];
        for (int i = 0; i < length; i++)
        {
            inputs[i] = Overflows;
            inputs[length + i] = values[1 + random.Next(values.Length - 1)];
        }
        for (int i = 2 * length; i < inputs.Length; i++) inputs[i] = random.Next(3) == 0 ? Overflows : values[1 + random.Next(values.Length - 1)];
        int[] labels = Enumerable.Range(0, Count).Select(_ => random.Next(classes)).ToArray();

        var inputGradients = new float[inputs.Length];
        net.ComputeGradients(inputs, labels, inputGradients);
        var z = new float[length];
        var y = new float[classes];
        for (int n = 0; n < Count; n++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(n * length, length);
            net.ComputeActivations("add1", x, z);
            for (int i = 0; i < length; i++) Assert.Equal(x[i] == Overflows, float.IsNaN(z[i]));
            net.ComputeActivations("pool1", x, y);
            var (expected, winners) = MaxPoolRule.Apply(z, inputShape, pool);
            AssertBitwise(expected, y, $"{shape}, sample {n}: output");
            var won = new SortedSet<int>(winners);
            var nonZero = new SortedSet<int>(Enumerable.Range(0, length).Where(i => inputGradients[n * length + i] != 0f));
            Assert.True(won.SetEquals(nonZero), $"{shape}, sample {n}: winners {string.Join(" ", won)}, non-zero gradients at {string.Join(" ", nonZero)}");
            if (n == 0) Assert.All(y, v => Assert.True(float.IsNaN(v)));
        }
    }

    /// <summary>Equal bits, or both NaN (which NaN MathF.Max returns is the platform's).</summary>
    private static void AssertBitwise(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = float.IsNaN(expected[i]) ? float.IsNaN(actual[i]) : BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(same, $"{what} [{i}]: expected {expected[i]:R} ({BitConverter.SingleToInt32Bits(expected[i]):X8}), got {actual[i]:R} ({BitConverter.SingleToInt32Bits(actual[i]):X8})");
        }
    }
}

/// <summary>
/// Max pooling one window at a time, in float: the window's elements inside the input in row-major order, the first
/// one starting, each later one winning when !(value ≤ best) and best is not NaN, and best = MathF.Max(best, value).
/// </summary>
public static class MaxPoolRule
{
    public static (float[] Outputs, int[] Winners) Apply(ReadOnlySpan<float> x, int[] inputShape, RefPool pool)
    {
        int rank = inputShape.Length - 1;
        int[] inSize = inputShape[1..];
        int[] outSize = new int[rank];
        for (int a = 0; a < rank; a++) outSize[a] = (inSize[a] + 2 * pool.Padding - pool.Window[a]) / pool.Stride[a] + 1;
        int plane = inSize.Aggregate(1, (p, n) => p * n), outPlane = outSize.Aggregate(1, (p, n) => p * n);
        var outputs = new float[inputShape[0] * outPlane];
        var winners = new int[outputs.Length];
        var o = new int[rank];
        var k = new int[rank];
        for (int c = 0; c < inputShape[0]; c++)
        {
            for (int j = 0; j < outPlane; j++)
            {
                Unravel(j, outSize, o);
                float best = float.NegativeInfinity;
                int winner = -1;
                int windowSize = pool.Window.Aggregate(1, (p, n) => p * n);
                for (int e = 0; e < windowSize; e++)
                {
                    Unravel(e, pool.Window, k);
                    int index = 0;
                    bool inside = true;
                    for (int a = 0; a < rank; a++)
                    {
                        int position = o[a] * pool.Stride[a] - pool.Padding + k[a];
                        inside &= position >= 0 && position < inSize[a];
                        index = index * inSize[a] + position;
                    }
                    if (!inside) continue;
                    index += c * plane;
                    float value = x[index];
                    if (winner < 0)
                    {
                        best = value;
                        winner = index;
                        continue;
                    }
                    if (!(value <= best) && !float.IsNaN(best)) winner = index;
                    best = MathF.Max(best, value);
                }
                outputs[c * outPlane + j] = best;
                winners[c * outPlane + j] = winner;
            }
        }
        return (outputs, winners);
    }

    private static void Unravel(int index, IReadOnlyList<int> sizes, int[] coordinates)
    {
        for (int a = sizes.Count - 1; a >= 0; a--)
        {
            coordinates[a] = index % sizes[a];
            index /= sizes[a];
        }
    }
}

[Network(1, 4, 22)]
[Conv2D(1, 1, UseBias = false, Name = "stem")]
[Conv2D(1, 1, UseBias = false)]
[Add("stem")]
[MaxPool2D(2)] // 11 outputs a row
[SoftmaxCrossEntropy]
public partial class NaNPoolWide : ITestNetwork;

[Network(1, 6, 10)]
[Conv2D(1, 1, UseBias = false, Name = "stem")]
[Conv2D(1, 1, UseBias = false)]
[Add("stem")]
[MaxPool2D(2)] // 5 outputs a row
[SoftmaxCrossEntropy]
public partial class NaNPoolShort : ITestNetwork;

[Network(1, 7, 19)]
[Conv2D(1, 1, UseBias = false, Name = "stem")]
[Conv2D(1, 1, UseBias = false)]
[Add("stem")]
[MaxPool2D(3, Stride = 2)] // 9 outputs a row, overlapping windows
[SoftmaxCrossEntropy]
public partial class NaNPoolWideOverlapping : ITestNetwork;
