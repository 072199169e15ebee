using CnnCompiler.OnnxFormat.Protobuf;

namespace CnnCompiler.OnnxFormat;

/// <summary>An ONNX graph indexed for import: constants (initializers and Constant nodes), each value's consumers, the graph outputs, node attributes.</summary>
internal sealed class ImportGraph
{
    private readonly Dictionary<string, TensorProto> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);

    public ImportGraph(ModelProto model, string source)
    {
        Source = source;
        Model = model;
        Graph = model.Graph;
        foreach (TensorProto tensor in Graph.Initializer) _constants[tensor.Name] = tensor;
        foreach (NodeProto node in Graph.Node)
        {
            if (node.OpType == "Constant" && node.Domain is "" or "ai.onnx")
            {
                AttributeProto? value = node.Attribute.FirstOrDefault(a => a.Name == "value");
                if (value?.T is { } tensor && node.Output.Count == 1) _constants[node.Output[0]] = WithName(tensor.Clone(), node.Output[0]);
            }
            foreach (string input in node.Input.Where(i => i.Length > 0))
            {
                if (!_consumers.TryGetValue(input, out var list)) _consumers[input] = list = [];
                list.Add(node);
            }
        }
        Outputs = [.. Graph.Output.Select(o => o.Name)];
    }

    public string Source { get; }

    public ModelProto Model { get; }

    public GraphProto Graph { get; }

    /// <summary>The graph's output values, in order.</summary>
    public string[] Outputs { get; }

    public bool IsConstant(string value) => _constants.ContainsKey(value);

    public TensorProto Constant(string value) => _constants[value];

    public float[] Floats(string value) => OnnxModelReader.Floats(_constants[value], Source);

    public int[] Dims(string value) => OnnxModelReader.Dims(_constants[value]);

    /// <summary>A scalar (or one-element) float constant's value, or null when the value is not one.</summary>
    public double? Scalar(string value)
    {
        if (!_constants.TryGetValue(value, out TensorProto? tensor) || tensor.Dims.Aggregate(1L, (a, b) => a * b) != 1) return null;
        if (tensor.DataType == (int)TensorProto.Types.DataType.Float) return Floats(value)[0];
        if (tensor.DataType != (int)TensorProto.Types.DataType.Double) return null;
        if (tensor.HasRawData) return tensor.RawData.Length == 8 ? System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(tensor.RawData.Span) : null;
        return tensor.DoubleData.Count == 1 ? tensor.DoubleData[0] : null;
    }

    public IReadOnlyList<NodeProto> Consumers(string value) => _consumers.TryGetValue(value, out var list) ? list : [];

    /// <summary>The one node reading <paramref name="value"/>, when only it does and the value is no graph output.</summary>
    public NodeProto? SoleConsumer(string value) =>
        Consumers(value) is [var node] && !Outputs.Contains(value) ? node : null;

    public static string Label(NodeProto node) => $"{node.OpType} node '{(node.Name.Length > 0 ? node.Name : "(unnamed) → " + string.Join(", ", node.Output))}'";

    public static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    public static long Int(NodeProto node, string name, long fallback) => Attribute(node, name) is { } a ? a.I : fallback;

    public static float Float(NodeProto node, string name, float fallback) => Attribute(node, name) is { } a ? a.F : fallback;

    public static string Text(NodeProto node, string name, string fallback) => Attribute(node, name) is { } a ? a.S.ToStringUtf8() : fallback;

    public static int[]? Ints(NodeProto node, string name) => Attribute(node, name) is { } a ? a.Ints.Select(v => checked((int)v)).ToArray() : null;

    private static TensorProto WithName(TensorProto tensor, string name)
    {
        tensor.Name = name;
        return tensor;
    }
}
