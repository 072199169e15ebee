using System.Runtime.InteropServices;
using CnnCompiler.OnnxFormat.Protobuf;
using Google.Protobuf;

namespace CnnCompiler.OnnxFormat;

/// <summary>Builds an ONNX graph: nodes with unique names, float initializers, and the attributes the exporter writes.</summary>
internal sealed class GraphWriter
{
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _valueNames = new(StringComparer.Ordinal);

    public GraphProto Graph { get; } = new();

    /// <summary>Reserves a value (tensor) name, which must not be taken yet: graph inputs and layer outputs.</summary>
    public string Value(string name)
    {
        if (!_valueNames.Add(name)) throw new InvalidOperationException($"The ONNX value name '{name}' is used twice.");
        return name;
    }

    /// <summary>A value name for an intermediate result, <paramref name="stem"/> or with a numeric suffix when taken.</summary>
    public string Intermediate(string stem)
    {
        string name = stem;
        for (int n = 1; !_valueNames.Add(name); n++) name = $"{stem}_{n}";
        return name;
    }

    /// <summary>Appends a node named <paramref name="name"/> (made unique) and returns its output.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        string unique = name;
        for (int n = 1; !_nodeNames.Add(unique); n++) unique = $"{name}_{n}";
        var node = new NodeProto { OpType = opType, Name = unique };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>A float initializer with the given shape, its values as little-endian raw data.</summary>
    public string Initializer(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> values)
    {
        Value(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        foreach (int dim in shape) tensor.Dims.Add(dim);
        tensor.RawData = ByteString.CopyFrom(RawFloats(values));
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A 1-D int64 initializer (axes, shapes), its values as little-endian raw data.</summary>
    public string Int64s(string name, ReadOnlySpan<long> values)
    {
        Value(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        byte[] raw = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        tensor.RawData = ByteString.CopyFrom(raw);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A scalar float constant (rank 0), written once per name.</summary>
    public string Scalar(string name, float value)
    {
        if (_valueNames.Contains(name)) return name;
        return Initializer(name, [], [value]);
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Text(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, IEnumerable<int> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        foreach (int value in values) attribute.Ints.Add(value);
        return attribute;
    }

    /// <summary>Little-endian bytes of <paramref name="values"/>, as ONNX's raw_data holds them.</summary>
    public static byte[] RawFloats(ReadOnlySpan<float> values)
    {
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bytes.Length; i += 4) Array.Reverse(bytes, i, 4);
        }
        return bytes;
    }
}
