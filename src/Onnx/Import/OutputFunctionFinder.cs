using CnnCompiler.OnnxFormat.Protobuf;

namespace CnnCompiler.OnnxFormat;

/// <summary>
/// The model's end: its raw outputs (the last layer's) and what the model applies to them. A final Softmax over the
/// classes makes the declaration a [SoftmaxCrossEntropy] classifier, a final Sigmoid [BinaryCrossEntropy], raw outputs
/// [MeanSquaredError] (or the loss the user asks for): each Predict then gives what the ONNX model's first output gives.
/// A second graph output is allowed when it is those raw outputs (as CnnCompiler's own exports have "logits").
/// </summary>
internal sealed record ModelEnd(string RawOutput, OutputFunction Function, IReadOnlyList<NodeProto> Nodes)
{
    public static ModelEnd Find(ImportGraph graph)
    {
        string[] outputs = graph.Outputs;
        if (outputs.Length is 0 or > 2)
            throw new NotSupportedException($"{graph.Source}: the graph has {outputs.Length} outputs; a network has one (or probabilities and the logits they come from).");
        string first = outputs[0];
        NodeProto? producer = Producer(graph, first);
        var nodes = new List<NodeProto>();
        OutputFunction function = OutputFunction.Identity;
        string raw = first;
        if (producer is { OpType: "Softmax" or "Sigmoid" })
        {
            function = producer.OpType == "Softmax" ? OutputFunction.Softmax : OutputFunction.Sigmoid;
            if (producer.OpType == "Softmax")
            {
                long axis = ImportGraph.Int(producer, "axis", -1);
                if (axis is not (1 or -1)) throw new NotSupportedException($"{graph.Source}: the final {ImportGraph.Label(producer)} runs over axis {axis}; Predict's softmax runs over each sample's outputs (axis 1).");
            }
            nodes.Add(producer);
            raw = producer.Input[0];
            // CnnCompiler's own exports flatten spatial logits before the softmax.
            if (Producer(graph, raw) is { OpType: "Flatten" } flatten && outputs.Length == 2 && flatten.Input[0] == outputs[1])
            {
                nodes.Add(flatten);
                raw = flatten.Input[0];
            }
        }
        if (outputs.Length == 2 && outputs[1] != raw)
            throw new NotSupportedException($"{graph.Source}: the graph's second output '{outputs[1]}' is not the raw output '{raw}' of its first; a network has one output (or probabilities and their logits).");
        return new ModelEnd(raw, function, nodes);
    }

    /// <summary>The loss attribute that gives the model's Predict: the user's choice where the model ends on raw outputs.</summary>
    public string Loss(string? requested, string source)
    {
        string implied = Function switch
        {
            OutputFunction.Softmax => "SoftmaxCrossEntropy",
            OutputFunction.Sigmoid => "BinaryCrossEntropy",
            _ => "MeanSquaredError",
        };
        if (requested is null || requested == implied) return implied;
        if (requested is not ("SoftmaxCrossEntropy" or "BinaryCrossEntropy" or "MeanSquaredError"))
            throw new ArgumentException($"Unknown loss '{requested}': use SoftmaxCrossEntropy, BinaryCrossEntropy or MeanSquaredError.");
        if (Function != OutputFunction.Identity)
            throw new ArgumentException($"{source}: the model ends with a {Function}, which makes it [{implied}]; the loss {requested} would change what Predict returns.");
        return requested;
    }

    private static NodeProto? Producer(ImportGraph graph, string value) => graph.Graph.Node.FirstOrDefault(n => n.Output.Contains(value));
}
