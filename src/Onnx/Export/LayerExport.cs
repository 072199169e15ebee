namespace CnnCompiler.OnnxFormat;

/// <summary>One layer as its exporter sees it: its table row, the values it reads, the name its output must have, and its tensors.</summary>
internal sealed class LayerExport(GraphWriter graph, INetwork network, int index, string[] inputs, int[][] inputShapes, string output)
{
    public GraphWriter Graph { get; } = graph;

    public LayerInfo Layer { get; } = network.LayerList[index];

    public string Name => Layer.Name;

    public LayerSettings Settings => Layer.Settings;

    /// <summary>The ONNX values this layer reads, in <see cref="LayerInfo.Inputs"/> order.</summary>
    public string[] Inputs { get; } = inputs;

    /// <summary>One sample's shape of each input (channels first, no batch axis).</summary>
    public int[][] InputShapes { get; } = inputShapes;

    /// <summary>The value name the layer's result must have.</summary>
    public string Output { get; } = output;

    /// <summary>A fresh value name for a result inside the layer.</summary>
    public string Intermediate(string op) => Graph.Intermediate($"{Name}/{op}_output");

    /// <summary>Appends a node named after the layer and the op (<c>conv1/Conv</c>).</summary>
    public string Node(string opType, IEnumerable<string> inputs, string output, params Protobuf.AttributeProto[] attributes) =>
        Graph.Node(opType, $"{Name}/{opType}", inputs, output, attributes);

    /// <summary>Writes the layer's tensor with this role (weight, bias, running_mean, …) as an initializer under its state_dict name.</summary>
    public string Tensor(string role)
    {
        string name = $"{Name}.{role}";
        TensorInfo tensor = network.Tensors.FirstOrDefault(t => t.Name == name)
            ?? throw Unsupported($"the network has no tensor '{name}'");
        return Graph.Initializer(name, tensor.Shape, tensor.Values(network));
    }

    /// <summary>Whether the layer has a tensor with this role.</summary>
    public bool HasTensor(string role) => network.Tensors.Any(t => t.Name == $"{Name}.{role}");

    /// <summary>The error for a layer that cannot be exported: names the layer, its kind and why.</summary>
    public NotSupportedException Unsupported(string why) => new($"ONNX export: layer '{Name}' ({Layer.Kind}) cannot be exported: {why}.");
}
