namespace CnnCompiler.Numerics.Tests.Reference;

/// <summary>
/// A network written out by hand next to its attribute declaration: the layers before the loss, evaluated in double
/// one sample at a time, and softmax cross-entropy on top.
/// </summary>
public sealed class RefNetwork
{
    private readonly RefLayer[] _layers;
    private readonly int[][] _shapes;
    private readonly int[] _parameterOffsets;

    public RefNetwork(int[] inputShape, params RefLayer[] layers)
    {
        _layers = layers;
        _shapes = new int[layers.Length + 1][];
        _shapes[0] = inputShape;
        _parameterOffsets = new int[layers.Length];
        var tensors = new List<ParameterTensor>();
        int offset = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            _parameterOffsets[i] = offset;
            foreach (var (suffix, count, isBias, fanIn) in layers[i].ParameterTensors(_shapes[i]))
            {
                tensors.Add(new ParameterTensor($"layer{i + 1}.{suffix}", offset, count, isBias, fanIn));
                offset += count;
            }
            _shapes[i + 1] = layers[i].OutputShape(_shapes[i]);
        }
        Tensors = tensors;
        ParameterCount = offset;
    }

    public int[] InputShape => _shapes[0];

    /// <summary>The layers before the loss, in order.</summary>
    public IReadOnlyList<RefLayer> Layers => _layers;

    public int InputLength => _shapes[0].Aggregate(1, (a, n) => a * n);

    public int OutputLength => _shapes[^1].Aggregate(1, (a, n) => a * n);

    public int ParameterCount { get; }

    /// <summary>Every parameter tensor in <c>Parameters</c> order: each layer's weights, then its bias.</summary>
    public IReadOnlyList<ParameterTensor> Tensors { get; }

    /// <summary>The logits of every sample in <paramref name="inputs"/> (N × InputLength), N × OutputLength.</summary>
    public double[] Logits(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, KinkMonitor? kinks = null)
    {
        kinks ??= new KinkMonitor();
        double[] p = new double[parameters.Length];
        for (int i = 0; i < p.Length; i++) p[i] = parameters[i];
        int count = inputs.Length / InputLength;
        var logits = new double[count * OutputLength];
        for (int n = 0; n < count; n++)
        {
            double[] x = new double[InputLength];
            for (int i = 0; i < x.Length; i++) x[i] = inputs[n * InputLength + i];
            for (int l = 0; l < _layers.Length; l++)
            {
                x = _layers[l].Forward(x, _shapes[l], p.AsSpan(_parameterOffsets[l]), kinks);
            }
            x.CopyTo(logits, n * OutputLength);
        }
        return logits;
    }

    /// <summary>Row-wise softmax, computed stably (max subtracted) in double.</summary>
    public static double[] Softmax(double[] logits, int classes)
    {
        var p = new double[logits.Length];
        for (int n = 0; n < logits.Length / classes; n++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < classes; k++) max = Math.Max(max, logits[n * classes + k]);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += p[n * classes + k] = Math.Exp(logits[n * classes + k] - max);
            for (int k = 0; k < classes; k++) p[n * classes + k] /= sum;
        }
        return p;
    }

    /// <summary>Mean over samples of −log softmax(z)[label] = logsumexp(z) − z[label].</summary>
    public static double MeanCrossEntropy(double[] logits, ReadOnlySpan<int> labels, int classes)
    {
        double total = 0;
        for (int n = 0; n < labels.Length; n++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < classes; k++) max = Math.Max(max, logits[n * classes + k]);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += Math.Exp(logits[n * classes + k] - max);
            total += max + Math.Log(sum) - logits[n * classes + labels[n]];
        }
        return total / labels.Length;
    }
}
