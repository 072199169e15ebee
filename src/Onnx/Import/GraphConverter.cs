using CnnCompiler.OnnxFormat.Protobuf;
using static CnnCompiler.OnnxFormat.ImportGraph;

namespace CnnCompiler.OnnxFormat;

/// <summary>
/// Turns an ONNX graph into the library's layers, node by node in the graph's (topological) order: Conv (+ the
/// activation after it), MaxPool/AveragePool, global pooling, Gemm or MatMul (+ Add of a bias), Flatten or Reshape to
/// one vector per sample, BatchNormalization, Relu/LeakyRelu/Elu/Sigmoid/Tanh/GELU, residual Adds (a 1×1 Conv and
/// BatchNormalization on the shortcut become a projection), Clip(0, 6) as ReLU6, HardSigmoid(1/6, 0.5), HardSwish,
/// Sigmoid → Mul(x) as SiLU, Dropout and Identity (nothing at inference). Every layer must
/// read the layer before it; only an add reads an earlier one. What does not fit is refused, naming the nodes.
/// </summary>
internal sealed partial class GraphConverter
{
    /// <summary>
/// The ONNX ops an import understands (Div, Erf and Mul only as GELU's erf form, Mul also as SiLU's x · σ(x) and as a
/// squeeze-and-excitation gate, Unsqueeze only of a per-channel vector before one; Softmax only at the end).
/// </summary>
    public static readonly IReadOnlySet<string> SupportedOps = new HashSet<string>(StringComparer.Ordinal)
    {
        "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Gemm", "MatMul", "Add", "Flatten", "Reshape", "Resize",
        "BatchNormalization", "Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Gelu", "Clip", "HardSigmoid", "HardSwish", "Div", "Erf", "Mul",
        "Unsqueeze", "Dropout", "Identity",
        "Softmax", "Constant",
    };

    private readonly ImportGraph _graph;
    private readonly List<ImportedLayer> _layers = [];
    private readonly Dictionary<string, (int Layer, int[] Shape)> _values = new(StringComparer.Ordinal);
    private readonly HashSet<NodeProto> _handled = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<NodeProto, (NodeProto Conv, NodeProto? Norm)> _projections = new(ReferenceEqualityComparer.Instance);

    private GraphConverter(ImportGraph graph) => _graph = graph;

    public string Source => _graph.Source;

    /// <summary>The layers of <paramref name="graph"/>, the sample input shape, and the model's end.</summary>
    public static (List<ImportedLayer> Layers, int[] InputShape, ModelEnd End) Convert(ImportGraph graph)
    {
        RefuseUnsupportedOps(graph);
        var converter = new GraphConverter(graph);
        int[] input = converter.ReadInput();
        ModelEnd end = ModelEnd.Find(graph);
        foreach (NodeProto node in end.Nodes) converter._handled.Add(node);
        converter.FindProjections();
        foreach (NodeProto node in graph.Graph.Node)
        {
            if (converter._handled.Contains(node) || node.OpType == "Constant") continue;
            converter.ConvertNode(node);
        }
        if (converter._layers.Count == 0) throw new NotSupportedException($"{graph.Source}: the graph has no layer to declare.");
        var raw = converter.Read(end.RawOutput, "the model's output");
        if (raw.Layer != converter._layers.Count - 1)
            throw new NotSupportedException($"{graph.Source}: the model's output '{end.RawOutput}' is not the output of its last layer ({converter._layers[^1].Origin}).");
        return (converter._layers, input, end);
    }

    /// <summary>Every node whose op has no counterpart here, all in one message.</summary>
    private static void RefuseUnsupportedOps(ImportGraph graph)
    {
        var unsupported = graph.Graph.Node
            .Where(n => !(n.Domain is "" or "ai.onnx") || !SupportedOps.Contains(n.OpType))
            .Select(n => (n.Domain is "" or "ai.onnx" ? "" : n.Domain + ".") + Label(n))
            .ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException($"{graph.Source}: {unsupported.Count} node{(unsupported.Count == 1 ? "" : "s")} of ops CnnCompiler does not import: "
                + string.Join("; ", unsupported) + $". Supported: {string.Join(", ", SupportedOps.Where(o => o != "Constant"))}.");
        }
    }

    /// <summary>The one graph input that is no initializer: float, a batch axis and 2 to 4 known sample axes.</summary>
    private int[] ReadInput()
    {
        var inputs = _graph.Graph.Input.Where(i => !_graph.IsConstant(i.Name)).ToList();
        if (inputs.Count != 1) throw new NotSupportedException($"{Source}: the graph has {inputs.Count} inputs; a network has one.");
        ValueInfoProto input = inputs[0];
        TypeProto.Types.Tensor? tensor = input.Type?.TensorType;
        if (tensor is null || tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new NotSupportedException($"{Source}: the input '{input.Name}' is not a float tensor.");
        var dims = tensor.Shape?.Dim.ToList() ?? [];
        if (dims.Count is < 3 or > 5)
            throw new NotSupportedException($"{Source}: the input '{input.Name}' has {dims.Count} axes; a CNN's input is N×C×L, N×C×H×W or N×C×D×H×W.");
        int[] shape = new int[dims.Count - 1];
        for (int i = 1; i < dims.Count; i++)
        {
            if (dims[i].ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || dims[i].DimValue < 1)
                throw new NotSupportedException($"{Source}: axis {i} of the input '{input.Name}' has no fixed size; every axis but the batch must have one.");
            shape[i - 1] = checked((int)dims[i].DimValue);
        }
        _values[input.Name] = (-1, shape);
        return shape;
    }

    /// <summary>
    /// Adds whose one input is a 1×1 Conv of a value other paths also read, through a BatchNormalization (the Conv
    /// without bias) or alone with a bias (PyTorch's default export folds the BatchNorm into it): residual projections.
    /// </summary>
    private void FindProjections()
    {
        foreach (NodeProto add in _graph.Graph.Node.Where(n => n.OpType == "Add" && n.Input.Count == 2 && !n.Input.Any(_graph.IsConstant)))
        {
            for (int side = 1; side >= 0; side--)
            {
                NodeProto? norm = ProducerOf(add.Input[side]) is { OpType: "BatchNormalization" } n && _graph.SoleConsumer(n.Output[0]) == add ? n : null;
                if (ProducerOf(norm?.Input[0] ?? add.Input[side]) is not { OpType: "Conv" } conv || _graph.SoleConsumer(conv.Output[0]) != (norm ?? add)) continue;
                bool bias = conv.Input.Count > 2 && conv.Input[2].Length > 0;
                if (bias == (norm is not null) || !_graph.IsConstant(conv.Input[1])) continue;
                int[] kernel = Ints(conv, "kernel_shape") ?? _graph.Dims(conv.Input[1])[2..];
                if (kernel.Any(k => k != 1) || _graph.Consumers(conv.Input[0]).Count < 2) continue;
                _projections[add] = (conv, norm);
                _handled.Add(conv);
                if (norm is not null) _handled.Add(norm);
                break;
            }
        }
    }

    private NodeProto? ProducerOf(string value) => _graph.Graph.Node.FirstOrDefault(n => n.Output.Contains(value));

    private void ConvertNode(NodeProto node)
    {
        switch (node.OpType)
        {
            case "Conv":
                Convolution(node);
                break;
            case "MaxPool" or "AveragePool":
                Pool(node);
                break;
            case "GlobalAveragePool" or "GlobalMaxPool":
                var pooled = Main(node);
                if (pooled.Shape.Length < 2) throw Pattern(node, "global pooling needs spatial axes");
                Add(node, new ImportedLayer { Kind = node.OpType == "GlobalMaxPool" ? ImportedKind.GlobalMaxPool : ImportedKind.GlobalAveragePool, Origin = Label(node), GraphName = NodeName(node), OutputShape = [pooled.Shape[0]] });
                break;
            case "Flatten" or "Reshape":
                Flatten(node);
                break;
            case "Resize":
                Resize(node);
                break;
            case "Gemm":
                Gemm(node);
                break;
            case "MatMul":
                MatMul(node);
                break;
            case "BatchNormalization":
                BatchNorm(node);
                break;
            case "Relu" or "LeakyRelu" or "Elu" or "Sigmoid" or "Tanh" or "Gelu" or "Clip" or "HardSigmoid" or "HardSwish":
                StandAloneActivation(node);
                break;
            case "Div":
                Gelu(node);
                break;
            case "Add":
                Residual(node);
                break;
            case "Unsqueeze":
                UnsqueezeGate(node);
                break;
            case "Mul":
                Gate(node);
                break;
            case "Dropout" or "Identity":
                if (node.OpType == "Dropout" && node.Output.Count > 1 && _graph.Consumers(node.Output[1]).Count > 0) throw Pattern(node, "its mask is read: only inference-mode dropout (nothing) is imported");
                _values[node.Output[0]] = Main(node);
                break;
            default:
                throw Pattern(node, node.OpType switch
                {
                    "Softmax" => "a softmax is imported only as the model's final output (Predict's probabilities)",
                    "Erf" => "it is not part of GELU's erf form x · (1 + erf(x / √2)) · 0.5",
                    _ => "no layer takes this position",
                });
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>
    /// A fused activation: the value's only reader is ReLU, Sigmoid, Tanh, ReLU6 (Clip 0, 6), Hardsigmoid, Hardswish, or
    /// LeakyReLU/ELU with the fused defaults (0.01, 1); or its two readers are SiLU's Sigmoid and the Mul of the value by it.
    /// </summary>
    private string FuseActivation(string value, ImportedLayer layer)
    {
        if (_graph.Consumers(value) is [_, _] readers && !_graph.Outputs.Contains(value)
            && readers.FirstOrDefault(n => n.OpType == "Sigmoid") is { } sigmoid && SiLUProduct(sigmoid) is { } product && readers.Contains(product)
            && !_handled.Contains(sigmoid) && !_handled.Contains(product))
        {
            layer.Activation = "SiLU";
            _handled.Add(sigmoid);
            _handled.Add(product);
            return product.Output[0];
        }
        if (_graph.SoleConsumer(value) is not { } next || _handled.Contains(next)) return value;
        string? activation = next.OpType switch
        {
            "Relu" => "ReLU",
            "Clip" when IsReLU6(next) => "ReLU6",
            "HardSigmoid" when IsTorchHardsigmoid(next) => "Hardsigmoid",
            "HardSwish" => "Hardswish",
            "Sigmoid" => "Sigmoid",
            "Tanh" => "Tanh",
            "LeakyRelu" when Float(next, "alpha", 0.01f) == 0.01f => "LeakyReLU",
            "Elu" when Float(next, "alpha", 1f) == 1f => "ELU",
            _ => null,
        };
        if (activation is null) return value;
        layer.Activation = activation;
        _handled.Add(next);
        return next.Output[0];
    }

    /// <summary>A Clip from 0 to 6 (constant bound inputs, or the attributes of opsets before 11): ReLU6.</summary>
    private bool IsReLU6(NodeProto clip)
    {
        double? Bound(int input, string attribute) => clip.Input.Count > input && clip.Input[input].Length > 0
            ? _graph.Scalar(clip.Input[input])
            : Attribute(clip, attribute) is { } a ? a.F : null;
        return Bound(1, "min") == 0 && Bound(2, "max") == 6;
    }

    /// <summary>HardSigmoid with PyTorch's slope and offset (alpha = 1/6 as a float, beta = 0.5), as torch.onnx writes nn.Hardsigmoid.</summary>
    private static bool IsTorchHardsigmoid(NodeProto node) => Float(node, "alpha", 0.2f) == 1f / 6f && Float(node, "beta", 0.5f) == 0.5f;

    /// <summary>The Mul that makes <paramref name="sigmoid"/> part of SiLU, x · Sigmoid(x): its only reader, multiplying by the sigmoid's own input.</summary>
    private NodeProto? SiLUProduct(NodeProto sigmoid) =>
        sigmoid.Input.Count == 1 && _graph.SoleConsumer(sigmoid.Output[0]) is { OpType: "Mul" } mul && mul.Input.Count == 2
            && mul.Input.Contains(sigmoid.Input[0]) && mul.Input.Contains(sigmoid.Output[0]) ? mul : null;

    private void Add(NodeProto node, ImportedLayer layer) => Add(layer, node.Output[0]);

    private void Add(ImportedLayer layer, string output)
    {
        _layers.Add(layer);
        _values[output] = (_layers.Count - 1, layer.OutputShape);
    }

    /// <summary>The node's first input, which must be the output of the layer before it.</summary>
    private (int Layer, int[] Shape) Main(NodeProto node)
    {
        if (node.Input.Count == 0) throw Pattern(node, "it has no input");
        var input = Read(node.Input[0], Label(node));
        if (input.Layer != _layers.Count - 1)
        {
            string reads = input.Layer < 0 ? "the network's input" : $"the output of {_layers[input.Layer].Origin}";
            throw Pattern(node, $"it reads {reads}, not the layer before it ({(_layers.Count == 0 ? "the input" : _layers[^1].Origin)}); only residual adds may read earlier layers (branches and concatenations are not supported)");
        }
        return input;
    }

    private (int Layer, int[] Shape) Read(string value, string reader) =>
        _values.TryGetValue(value, out var found) ? found : throw new NotSupportedException($"{Source}: {reader} reads '{value}', which no imported layer produces (a constant where a tensor is expected, or a node this import does not follow).");

    private string RequireConstant(NodeProto node, int index, string role) =>
        node.Input.Count > index && _graph.IsConstant(node.Input[index]) ? node.Input[index] : throw Pattern(node, $"its {role} is not a constant initializer");

    /// <summary>Stride, symmetric padding per axis (or the library's "same"), and the output size of a window over <paramref name="input"/>.</summary>
    private (int[] Stride, int[] Pad, bool Same, int[] Output) Geometry(NodeProto node, int[] input, int[] kernel, int defaultStride, bool allowSame)
    {
        int rank = kernel.Length;
        int[] stride = Ints(node, "strides") ?? [.. Enumerable.Repeat(defaultStride, rank)];
        string autoPad = Text(node, "auto_pad", "NOTSET");
        int[] pads = Ints(node, "pads") ?? new int[2 * rank];
        if (stride.Length != rank || pads.Length != 2 * rank) throw Pattern(node, "its strides or pads do not have one entry per axis");
        int[] sizes = input[1..];
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            for (int a = 0; a < rank; a++)
            {
                int total = Math.Max(((sizes[a] + stride[a] - 1) / stride[a] - 1) * stride[a] + kernel[a] - sizes[a], 0);
                pads[a] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                pads[a + rank] = total - pads[a];
            }
        }
        else if (autoPad == "VALID")
        {
            pads = new int[2 * rank];
        }
        else if (autoPad != "NOTSET")
        {
            throw Pattern(node, $"auto_pad {autoPad} is not supported");
        }
        int[] output = [.. Enumerable.Range(0, rank).Select(a => (sizes[a] + pads[a] + pads[a + rank] - kernel[a]) / stride[a] + 1)];
        if (output.Any(o => o < 1)) throw Pattern(node, "its window is larger than its padded input");
        bool symmetric = Enumerable.Range(0, rank).All(a => pads[a] == pads[a + rank]);
        if (symmetric) return (stride, pads[..rank], false, output);
        bool same = Enumerable.Range(0, rank).All(a =>
        {
            int total = Math.Max(((sizes[a] + stride[a] - 1) / stride[a] - 1) * stride[a] + kernel[a] - sizes[a], 0);
            return pads[a] == total / 2 && pads[a + rank] == total - total / 2;
        });
        if (!allowSame || !same) throw Pattern(node, $"its padding ({string.Join(", ", pads)}) differs before and after an axis; only symmetric padding{(allowSame ? " or \"same\" (the odd extra at the end)" : "")} is supported");
        return (stride, new int[rank], true, output);
    }

    /// <summary>"conv1" for an initializer named "conv1.weight" (PyTorch's state_dict names), else null.</summary>
    private static string? WeightName(string initializer)
    {
        int dot = initializer.LastIndexOf('.');
        return dot > 0 && initializer[(dot + 1)..] is "weight" or "bias" ? initializer[..dot] : null;
    }

    /// <summary>
    /// A layer name from a node's: PyTorch's "/layer1/layer1.0/relu/Relu" gives "layer1.0.relu" (the module path without
    /// the op), CnnCompiler's "pool1/MaxPool" gives "pool1", a plain "conv1_relu" stays; "/Relu" gives none.
    /// </summary>
    private static string? NodeName(NodeProto node)
    {
        string name = node.Name;
        if (!name.Contains('/')) return name.Length > 0 ? name : null;
        string[] parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        string module = parts[^2];
        // PyTorch scopes nest: /layer1/layer1.0/relu → the deepest qualified prefix plus the leaf.
        for (int i = parts.Length - 3; i >= 0; i--)
        {
            if (parts[i].Contains('.') || i == 0)
            {
                if (!module.StartsWith(parts[i] + ".", StringComparison.Ordinal) && module != parts[i] && parts[i].Contains('.')) module = parts[i] + "." + module;
                break;
            }
        }
        return module;
    }

    /// <summary>PyTorch's momentum, 1 − ONNX's, rounded to 6 significant digits (0.8f gives 0.2, not 0.19999999).</summary>
    private static float TorchMomentum(float onnx) =>
        float.Parse((1 - (double)onnx).ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static bool Near(double? value, double expected) => value is { } v && Math.Abs(v - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected));

    private static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) result[c * rows + r] = values[r * columns + c];
        }
        return result;
    }

    private NotSupportedException Pattern(NodeProto node, string why) => new($"{Source}: {Label(node)} cannot be imported: {why}.");
}
