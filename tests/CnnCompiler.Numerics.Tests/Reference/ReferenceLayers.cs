namespace CnnCompiler.Numerics.Tests.Reference;

/// <summary>How a reference convolution pads: none, TensorFlow/PyTorch 'same', or explicit sizes per spatial axis.</summary>
public enum RefPadding
{
    Valid,
    Same,
    Explicit,
}

public enum RefActivation
{
    None,
    ReLU,
    Sigmoid,
    Tanh,
    ReLU6,
    Hardswish,
    Hardsigmoid,
    SiLU,
}

/// <summary>A parameter tensor of a reference network: where it sits in <c>Parameters</c> and what it is.</summary>
public sealed record ParameterTensor(string Name, int Offset, int Count, bool IsBias, int FanIn);

/// <summary>
/// One layer of the reference network. Everything is computed in double with plain nested loops, one sample at a time,
/// directly from the definitions (PyTorch semantics); nothing here is shared with the generator or the runtime.
/// </summary>
public abstract class RefLayer
{
    /// <summary>The output shape (channels first) for the given input shape.</summary>
    public abstract int[] OutputShape(int[] input);

    /// <summary>Weights then bias, for the given input shape; the fan-in is the inputs each output reads.</summary>
    public virtual IEnumerable<(string Suffix, int Count, bool IsBias, int FanIn)> ParameterTensors(int[] input) => [];

    /// <summary>y = layer(x) for one sample; <paramref name="parameters"/> starts at this layer's first parameter.</summary>
    public abstract double[] Forward(double[] x, int[] inputShape, ReadOnlySpan<double> parameters, KinkMonitor kinks);

    /// <summary>Every reference layer works on 3 spatial axes; lower ranks are padded with leading 1s.</summary>
    protected static (int C, int D, int H, int W) As3D(int[] shape) => shape.Length switch
    {
        2 => (shape[0], 1, 1, shape[1]),
        3 => (shape[0], 1, shape[1], shape[2]),
        4 => (shape[0], shape[1], shape[2], shape[3]),
        _ => throw new ArgumentException($"Shape of rank {shape.Length} has no spatial axes to slide over."),
    };

    /// <summary>Expands a per-axis value of rank 1–3 to (depth, height, width), filling missing axes with <paramref name="fill"/>.</summary>
    protected static (int D, int H, int W) Expand(int[] values, int fill) => values.Length switch
    {
        1 => (fill, fill, values[0]),
        2 => (fill, values[0], values[1]),
        3 => (values[0], values[1], values[2]),
        _ => throw new ArgumentException($"Expected 1 to 3 per-axis values, got {values.Length}."),
    };

    protected static int[] Shape(int channels, int rank, int d, int h, int w) => rank switch
    {
        1 => [channels, w],
        2 => [channels, h, w],
        _ => [channels, d, h, w],
    };

    public static double Activate(RefActivation activation, double z) => activation switch
    {
        RefActivation.None => z,
        RefActivation.ReLU => z > 0 ? z : 0,
        RefActivation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        RefActivation.Tanh => Math.Tanh(z),
        RefActivation.ReLU6 => Math.Min(Math.Max(z, 0), 6),
        RefActivation.Hardsigmoid => Math.Min(Math.Max(z + 3, 0), 6) / 6,
        RefActivation.Hardswish => z * Math.Min(Math.Max(z + 3, 0), 6) / 6,
        RefActivation.SiLU => z / (1 + Math.Exp(-z)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}

/// <summary>Output size and padding of a sliding window along one axis.</summary>
public static class RefWindow
{
    /// <summary>'Same' (TensorFlow's rule, PyTorch's padding='same'): out = ceil(in/stride), the odd padding at the end.</summary>
    public static (int Begin, int End) SamePadding(int input, int kernel, int stride)
    {
        int output = (input + stride - 1) / stride;
        int total = Math.Max((output - 1) * stride + kernel - input, 0);
        return (total / 2, total - total / 2);
    }

    public static int OutputSize(int input, int kernel, int stride, int begin, int end) => (input + begin + end - kernel) / stride + 1;
}

/// <summary>Conv1D/2D/3D: y[o, p] = act(b[o] + Σ_c Σ_k W[o, c, k] · x[c, p·stride + k − pad]), zero outside the input.</summary>
public sealed class RefConv(int filters, int[] kernel, int[]? stride = null, RefPadding padding = RefPadding.Valid, int[]? pad = null, bool bias = true, RefActivation activation = RefActivation.None) : RefLayer
{
    private readonly int[] _stride = stride ?? kernel.Select(_ => 1).ToArray();
    private readonly int[] _pad = pad ?? kernel.Select(_ => 0).ToArray();

    private int Rank => kernel.Length;

    private ((int D, int H, int W) Begin, (int D, int H, int W) End) Padding(int[] input)
    {
        var (_, d, h, w) = As3D(input);
        var (kd, kh, kw) = Expand(kernel, 1);
        var (sd, sh, sw) = Expand(_stride, 1);
        switch (padding)
        {
            case RefPadding.Same:
                var pd = RefWindow.SamePadding(d, kd, sd);
                var ph = RefWindow.SamePadding(h, kh, sh);
                var pw = RefWindow.SamePadding(w, kw, sw);
                return ((pd.Begin, ph.Begin, pw.Begin), (pd.End, ph.End, pw.End));
            case RefPadding.Explicit:
                var p = Expand(_pad, 0);
                return (p, p);
            default:
                return ((0, 0, 0), (0, 0, 0));
        }
    }

    public override int[] OutputShape(int[] input)
    {
        var (_, d, h, w) = As3D(input);
        var (kd, kh, kw) = Expand(kernel, 1);
        var (sd, sh, sw) = Expand(_stride, 1);
        var (b, e) = Padding(input);
        return Shape(filters, Rank,
            RefWindow.OutputSize(d, kd, sd, b.D, e.D), RefWindow.OutputSize(h, kh, sh, b.H, e.H), RefWindow.OutputSize(w, kw, sw, b.W, e.W));
    }

    public override IEnumerable<(string Suffix, int Count, bool IsBias, int FanIn)> ParameterTensors(int[] input)
    {
        int fanIn = input[0] * kernel.Aggregate(1, (a, k) => a * k);
        yield return ("weight", filters * fanIn, false, fanIn);
        if (bias) yield return ("bias", filters, true, fanIn);
    }

    public override double[] Forward(double[] x, int[] inputShape, ReadOnlySpan<double> parameters, KinkMonitor kinks)
    {
        var (c, d, h, w) = As3D(inputShape);
        var (kd, kh, kw) = Expand(kernel, 1);
        var (sd, sh, sw) = Expand(_stride, 1);
        var (b, _) = Padding(inputShape);
        var (_, od, oh, ow) = As3D(OutputShape(inputShape));
        int weightCount = filters * c * kd * kh * kw;
        var y = new double[filters * od * oh * ow];
        for (int o = 0; o < filters; o++)
        for (int zd = 0; zd < od; zd++)
        for (int zh = 0; zh < oh; zh++)
        for (int zw = 0; zw < ow; zw++)
        {
            double sum = bias ? parameters[weightCount + o] : 0;
            for (int ci = 0; ci < c; ci++)
            for (int i = 0; i < kd; i++)
            for (int j = 0; j < kh; j++)
            for (int k = 0; k < kw; k++)
            {
                int id = zd * sd + i - b.D, ih = zh * sh + j - b.H, iw = zw * sw + k - b.W;
                if (id < 0 || id >= d || ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                double weight = parameters[(((o * c + ci) * kd + i) * kh + j) * kw + k];
                sum += weight * x[((ci * d + id) * h + ih) * w + iw];
            }
            kinks.ActivationInput(activation, sum);
            y[((o * od + zd) * oh + zh) * ow + zw] = Activate(activation, sum);
        }
        return y;
    }
}

/// <summary>
/// MaxPool/AvgPool 1D/2D/3D per channel: max over the window's positions inside the input (padding never wins), or
/// the sum over them divided by the full window size (padding counts as zeros, PyTorch's count_include_pad) or, with
/// <c>countIncludePad: false</c>, by the number of those positions (count_include_pad=False).
/// </summary>
public sealed class RefPool(bool max, int[] window, int[]? stride = null, int padding = 0, bool countIncludePad = true) : RefLayer
{
    private readonly int[] _stride = stride ?? window;

    public bool IsMax => max;

    public IReadOnlyList<int> Window => window;

    public IReadOnlyList<int> Stride => _stride;

    public int Padding => padding;

    public override int[] OutputShape(int[] input)
    {
        var (c, d, h, w) = As3D(input);
        var (kd, kh, kw) = Expand(window, 1);
        var (sd, sh, sw) = Expand(_stride, 1);
        var (pd, ph, pw) = Expand(window.Select(_ => padding).ToArray(), 0);
        return Shape(c, window.Length,
            RefWindow.OutputSize(d, kd, sd, pd, pd), RefWindow.OutputSize(h, kh, sh, ph, ph), RefWindow.OutputSize(w, kw, sw, pw, pw));
    }

    public override double[] Forward(double[] x, int[] inputShape, ReadOnlySpan<double> parameters, KinkMonitor kinks)
    {
        var (c, d, h, w) = As3D(inputShape);
        var (kd, kh, kw) = Expand(window, 1);
        var (sd, sh, sw) = Expand(_stride, 1);
        var (pd, ph, pw) = Expand(window.Select(_ => padding).ToArray(), 0);
        var (_, od, oh, ow) = As3D(OutputShape(inputShape));
        var y = new double[c * od * oh * ow];
        var values = new List<double>();
        for (int ci = 0; ci < c; ci++)
        for (int zd = 0; zd < od; zd++)
        for (int zh = 0; zh < oh; zh++)
        for (int zw = 0; zw < ow; zw++)
        {
            values.Clear();
            for (int i = 0; i < kd; i++)
            for (int j = 0; j < kh; j++)
            for (int k = 0; k < kw; k++)
            {
                int id = zd * sd + i - pd, ih = zh * sh + j - ph, iw = zw * sw + k - pw;
                if (id < 0 || id >= d || ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                values.Add(x[((ci * d + id) * h + ih) * w + iw]);
            }
            double result;
            if (max)
            {
                result = values.Max();
                kinks.MaxWindow(values);
            }
            else
            {
                // count_include_pad: the whole window; otherwise only the inputs it covers.
                result = values.Sum() / (countIncludePad ? kd * kh * kw : values.Count);
            }
            y[((ci * od + zd) * oh + zh) * ow + zw] = result;
        }
        return y;
    }
}

/// <summary>
/// Upsample1D/2D/3D (nn.Upsample with an integer scale_factor per axis). Nearest: y[o] = x[floor(o / s)] per axis.
/// Linear (linear/bilinear/trilinear, align_corners=False): per axis the source position p = max(0, (o + 0.5) / s − 0.5),
/// neighbours i0 = floor(p) and i1 = min(i0 + 1, size − 1) with weights 1 − (p − i0) and p − i0; y is the product of
/// the per-axis weights summed over the 2^rank neighbour combinations.
/// </summary>
public sealed class RefUpsample(int[] scale, bool linear = false) : RefLayer
{
    public override int[] OutputShape(int[] input)
    {
        var (c, d, h, w) = As3D(input);
        var (sd, sh, sw) = Expand(scale, 1);
        return Shape(c, scale.Length, d * sd, h * sh, w * sw);
    }

    /// <summary>The input indices and weights output <paramref name="o"/> reads along one axis.</summary>
    private (int Index, double Weight)[] Sources(int o, int s, int size)
    {
        if (!linear) return [(o / s, 1.0)];
        double p = Math.Max(0, (o + 0.5) / s - 0.5);
        int i0 = (int)Math.Floor(p);
        int i1 = Math.Min(i0 + 1, size - 1);
        double l1 = p - i0;
        return [(i0, 1 - l1), (i1, l1)];
    }

    public override double[] Forward(double[] x, int[] inputShape, ReadOnlySpan<double> parameters, KinkMonitor kinks)
    {
        var (c, d, h, w) = As3D(inputShape);
        var (sd, sh, sw) = Expand(scale, 1);
        int od = d * sd, oh = h * sh, ow = w * sw;
        var y = new double[c * od * oh * ow];
        for (int ci = 0; ci < c; ci++)
        for (int zd = 0; zd < od; zd++)
        for (int zh = 0; zh < oh; zh++)
        for (int zw = 0; zw < ow; zw++)
        {
            double sum = 0;
            foreach (var (id, wd) in Sources(zd, sd, d))
            foreach (var (ih, wh) in Sources(zh, sh, h))
            foreach (var (iw, ww) in Sources(zw, sw, w))
            {
                sum += wd * wh * ww * x[((ci * d + id) * h + ih) * w + iw];
            }
            y[((ci * od + zd) * oh + zh) * ow + zw] = sum;
        }
        return y;
    }
}

/// <summary>Dense: y[o] = act(b[o] + Σ_i W[o, i] · x[i]) over the flat (channel-major) input.</summary>
public sealed class RefDense(int units, bool bias = true, RefActivation activation = RefActivation.None) : RefLayer
{
    public override int[] OutputShape(int[] input) => [units];

    public override IEnumerable<(string Suffix, int Count, bool IsBias, int FanIn)> ParameterTensors(int[] input)
    {
        int fanIn = input.Aggregate(1, (a, n) => a * n);
        yield return ("weight", units * fanIn, false, fanIn);
        if (bias) yield return ("bias", units, true, fanIn);
    }

    public override double[] Forward(double[] x, int[] inputShape, ReadOnlySpan<double> parameters, KinkMonitor kinks)
    {
        int inputs = x.Length;
        var y = new double[units];
        for (int o = 0; o < units; o++)
        {
            double sum = bias ? parameters[units * inputs + o] : 0;
            for (int i = 0; i < inputs; i++) sum += parameters[o * inputs + i] * x[i];
            kinks.ActivationInput(activation, sum);
            y[o] = Activate(activation, sum);
        }
        return y;
    }
}

/// <summary>Flatten: the same values, one flat vector.</summary>
public sealed class RefFlatten : RefLayer
{
    public override int[] OutputShape(int[] input) => [input.Aggregate(1, (a, n) => a * n)];

    public override double[] Forward(double[] x, int[] inputShape, ReadOnlySpan<double> parameters, KinkMonitor kinks) => (double[])x.Clone();
}

/// <summary>A stand-alone element-wise activation.</summary>
public sealed class RefActivationLayer(RefActivation activation) : RefLayer
{
    public override int[] OutputShape(int[] input) => input;

    public override double[] Forward(double[] x, int[] inputShape, ReadOnlySpan<double> parameters, KinkMonitor kinks)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            kinks.ActivationInput(activation, x[i]);
            y[i] = Activate(activation, x[i]);
        }
        return y;
    }
}

/// <summary>
/// Records how close a forward pass came to a non-differentiable point: the smallest distance from an activation's input
/// to one of its kinks (0 for ReLU; 0 and 6 for ReLU6; ±3 for Hardswish and Hardsigmoid) and the smallest gap between
/// the largest and second-largest value of a max-pooling window. Finite differences are only meaningful
/// when every perturbation stays on one side of these kinks.
/// </summary>
public sealed class KinkMonitor
{
    public double ReLUMargin { get; private set; } = double.PositiveInfinity;

    public double MaxPoolMargin { get; private set; } = double.PositiveInfinity;

    public void ReLUInput(double z) => ReLUMargin = Math.Min(ReLUMargin, Math.Abs(z));

    /// <summary>Records the distance from <paramref name="z"/> to the nearest kink of <paramref name="activation"/> (none for the smooth ones).</summary>
    public void ActivationInput(RefActivation activation, double z)
    {
        switch (activation)
        {
            case RefActivation.ReLU:
                ReLUInput(z);
                break;
            case RefActivation.ReLU6:
                ReLUMargin = Math.Min(ReLUMargin, Math.Min(Math.Abs(z), Math.Abs(z - 6)));
                break;
            case RefActivation.Hardswish or RefActivation.Hardsigmoid:
                ReLUMargin = Math.Min(ReLUMargin, Math.Min(Math.Abs(z + 3), Math.Abs(z - 3)));
                break;
        }
    }

    public void MaxWindow(List<double> values)
    {
        if (values.Count < 2) return;
        var sorted = values.OrderByDescending(v => v).ToArray();
        MaxPoolMargin = Math.Min(MaxPoolMargin, sorted[0] - sorted[1]);
    }
}

/// <summary>
/// Squeeze-and-excitation, as a branch around the sequential reference: the gate g = squeeze(x) (a vector of C, or
/// C×1×…), then y[c, …] = x[c, …] · g[c]. With <paramref name="after"/>, those layers run on y and their output is
/// multiplied by the same g again (the generated network's [Multiply("gate")] naming the gate). Parameters: the squeeze
/// layers', then the after layers', in order.
/// </summary>
public sealed class RefSqueezeExcite(RefLayer[] squeeze, RefLayer[]? after = null) : RefLayer
{
    private readonly RefLayer[] _after = after ?? [];

    public override int[] OutputShape(int[] input) => _after.Aggregate(input, (shape, layer) => layer.OutputShape(shape));

    public override IEnumerable<(string Suffix, int Count, bool IsBias, int FanIn)> ParameterTensors(int[] input)
    {
        foreach (var (layers, prefix) in new[] { (squeeze, "squeeze"), (_after, "after") })
        {
            int[] shape = input;
            for (int j = 0; j < layers.Length; j++)
            {
                foreach (var t in layers[j].ParameterTensors(shape)) yield return t with { Suffix = $"{prefix}{j}.{t.Suffix}" };
                shape = layers[j].OutputShape(shape);
            }
        }
    }

    public override double[] Forward(double[] x, int[] inputShape, ReadOnlySpan<double> parameters, KinkMonitor kinks)
    {
        int offset = 0;
        double[] gate = Run(squeeze, x, inputShape, parameters, ref offset, kinks);
        double[] y = Gate(x, gate, inputShape[0]);
        if (_after.Length == 0) return y;
        return Gate(Run(_after, y, inputShape, parameters, ref offset, kinks), gate, inputShape[0]);
    }

    private static double[] Run(RefLayer[] layers, double[] x, int[] shape, ReadOnlySpan<double> parameters, ref int offset, KinkMonitor kinks)
    {
        foreach (RefLayer layer in layers)
        {
            x = layer.Forward(x, shape, parameters[offset..], kinks);
            offset += layer.ParameterTensors(shape).Sum(t => t.Count);
            shape = layer.OutputShape(shape);
        }
        return x;
    }

    /// <summary>y[c, …] = x[c, …] · g[c].</summary>
    private static double[] Gate(double[] x, double[] gate, int channels)
    {
        if (gate.Length != channels) throw new ArgumentException($"The gate has {gate.Length} values for {channels} channels.");
        int plane = x.Length / channels;
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = x[i] * gate[i / plane];
        return y;
    }
}
