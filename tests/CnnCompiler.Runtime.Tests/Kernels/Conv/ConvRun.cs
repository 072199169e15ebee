using CnnCompiler.CompilerServices;

namespace CnnCompiler.Runtime.Tests.Kernels.Conv;

/// <summary>What one forward and backward pass of a convolution produced.</summary>
public sealed record ConvResult(float[] Output, float[] WeightGradient, float[] BiasGradient, float[] InputGradient);

/// <summary>
/// Runs <see cref="Conv{TShape}"/> for a 2D shape on fixed random data (weights, bias, a batch of inputs, output
/// gradients), with workspace arrays as large as any of its strategies needs, and the same on a naive double-precision
/// reference of the convolution.
/// </summary>
public static class ConvRun
{
    public const int Batch = 3;

    public static ConvResult Kernel<TShape>() where TShape : struct, IConvShape
    {
        var (weights, bias, input, outputGradient) = Data<TShape>();
        int outputLength = TShape.OutChannels * TShape.OutHeight * TShape.OutWidth;
        var output = new float[Batch * outputLength];
        ConvBuffers buffers = Buffers<TShape>();
        Conv<TShape>.Forward(weights, bias, input, output, Batch, buffers);
        var weightGradient = new float[weights.Length];
        var biasGradient = new float[bias.Length];
        var inputGradient = new float[input.Length];
        Conv<TShape>.Backward(weights, input, output, outputGradient, inputGradient, weightGradient, biasGradient, Batch, buffers);
        return new ConvResult(output, weightGradient, biasGradient, inputGradient);
    }

    /// <summary>The same passes in double precision, loop by loop.</summary>
    public static ConvResult Reference<TShape>() where TShape : struct, IConvShape
    {
        var (weights, bias, input, outputGradient) = Data<TShape>();
        int ci = TShape.InChannels, co = TShape.OutChannels, ih = TShape.InHeight, iw = TShape.InWidth, oh = TShape.OutHeight, ow = TShape.OutWidth;
        int kh = TShape.KernelHeight, kw = TShape.KernelWidth, ph = TShape.PadHeight, pw = TShape.PadWidth, sh = TShape.StrideHeight, sw = TShape.StrideWidth;
        bool relu = TShape.Activation == Activation.ReLU;
        var output = new float[Batch * co * oh * ow];
        var weightGradient = new double[weights.Length];
        var biasGradient = new double[bias.Length];
        var inputGradient = new double[input.Length];
        for (int n = 0; n < Batch; n++)
        {
            for (int o = 0; o < co; o++)
            {
                for (int y = 0; y < oh; y++)
                {
                    for (int x = 0; x < ow; x++)
                    {
                        double sum = bias[o];
                        Taps(n, o, y, x, (w, i) => sum += (double)weights[w] * input[i]);
                        int at = ((n * co + o) * oh + y) * ow + x;
                        output[at] = (float)(relu ? Math.Max(sum, 0) : sum);
                        double dz = relu && sum <= 0 ? 0 : outputGradient[at];
                        biasGradient[o] += dz;
                        Taps(n, o, y, x, (w, i) => { weightGradient[w] += dz * input[i]; inputGradient[i] += dz * weights[w]; });
                    }
                }
            }
        }
        return new ConvResult(output, ToFloat(weightGradient), ToFloat(biasGradient), ToFloat(inputGradient));

        // Every (weight index, input index) pair output (n, o, y, x) reads, padding skipped.
        void Taps(int n, int o, int y, int x, Action<int, int> visit)
        {
            for (int c = 0; c < ci; c++)
            {
                for (int ky = 0; ky < kh; ky++)
                {
                    for (int kx = 0; kx < kw; kx++)
                    {
                        int iy = y * sh + ky - ph, ix = x * sw + kx - pw;
                        if ((uint)iy >= (uint)ih || (uint)ix >= (uint)iw) continue;
                        visit(((o * ci + c) * kh + ky) * kw + kx, ((n * ci + c) * ih + iy) * iw + ix);
                    }
                }
            }
        }
    }

    /// <summary>Whether two results agree within single precision's rounding over the layer's sums.</summary>
    public static void AssertClose(ConvResult expected, ConvResult actual)
    {
        AssertClose(expected.Output, actual.Output, "output");
        AssertClose(expected.WeightGradient, actual.WeightGradient, "dW");
        AssertClose(expected.BiasGradient, actual.BiasGradient, "db");
        AssertClose(expected.InputGradient, actual.InputGradient, "dx");
    }

    public static void AssertBitwiseEqual(ConvResult expected, ConvResult actual)
    {
        Assert.Equal(expected.Output, actual.Output);
        Assert.Equal(expected.WeightGradient, actual.WeightGradient);
        Assert.Equal(expected.BiasGradient, actual.BiasGradient);
        Assert.Equal(expected.InputGradient, actual.InputGradient);
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    private static (float[] Weights, float[] Bias, float[] Input, float[] OutputGradient) Data<TShape>() where TShape : struct, IConvShape
    {
        var random = new Random(17);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return (Values(TShape.OutChannels * TShape.InChannels * TShape.KernelHeight * TShape.KernelWidth), Values(TShape.OutChannels),
            Values(Batch * TShape.InChannels * TShape.InHeight * TShape.InWidth), Values(Batch * TShape.OutChannels * TShape.OutHeight * TShape.OutWidth));
    }

    /// <summary>Every array any strategy of the shape reads, at the largest length any of them needs.</summary>
    private static ConvBuffers Buffers<TShape>() where TShape : struct, IConvShape
    {
        int ci = TShape.InChannels, co = TShape.OutChannels, weights = co * ci * TShape.KernelHeight * TShape.KernelWidth;
        int inPlane = TShape.InHeight * TShape.InWidth, outPlane = TShape.OutHeight * TShape.OutWidth;
        int paddedPlane = (TShape.OutHeight + TShape.KernelHeight - 1) * (TShape.OutWidth + TShape.KernelWidth - 1);
        int gradientPlane = (TShape.InHeight + TShape.KernelHeight - 1) * (TShape.InWidth + TShape.KernelWidth - 1);
        int samples = Math.Max(TShape.ForwardBlockSamples, TShape.InputGradientBlockSamples);
        int winogradPlane = (Math.Max(TShape.OutHeight, TShape.InHeight) + 2) * (Math.Max(TShape.OutWidth, TShape.InWidth) + 2);
        int blockTiles = samples * Math.Max(outPlane, inPlane) / 4;
        return new ConvBuffers
        {
            Columns = new float[ci * TShape.KernelHeight * TShape.KernelWidth * outPlane],
            Padded = new float[ci * paddedPlane],
            WeightsByChannel = new float[weights],
            WeightsSource = new float[weights],
            OutputByPosition = new float[co * outPlane],
            GradientByPosition = new float[co * outPlane],
            WeightGradientByChannel = new float[weights],
            PaddedGradient = new float[co * gradientPlane],
            RotatedWeights = new float[weights],
            WinogradWeights = new float[16 * ci * co],
            WinogradTransformed = new float[16 * Math.Max(ci, co) * blockTiles],
            WinogradProducts = new float[16 * Math.Max(ci, co) * blockTiles],
            WinogradSource = new float[samples * ci * winogradPlane],
            WinogradGradientSource = new float[samples * co * winogradPlane],
        };
    }
}
