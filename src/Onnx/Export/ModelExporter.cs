using System.Reflection;
using CnnCompiler.OnnxFormat.Protobuf;
using Google.Protobuf;
using static CnnCompiler.OnnxFormat.GraphWriter;

namespace CnnCompiler.OnnxFormat;

/// <summary>
/// Builds the ONNX model of a network from its layer table (<see cref="INetwork.LayerList"/> with each layer's inputs
/// and settings) and its named tensors: one or a few nodes per layer (<see cref="LayerExporters"/>), every parameter an
/// initializer under its state_dict name, the batch axis symbolic.
/// </summary>
internal static class ModelExporter
{
    public const string InputName = "input";
    public const string LogitsName = "logits";
    public const string ProbabilitiesName = "probabilities";
    public const string OutputName = "output";
    public const string BatchAxis = "batch";

    /// <summary>ONNX IR version 8: the one that goes with opset 17.</summary>
    private const long IrVersion = 8;

    public static byte[] Export(INetwork network)
    {
        IReadOnlyList<LayerInfo> layers = network.LayerList;
        if (layers.Count == 0) throw new NotSupportedException($"ONNX export: {network.GetType().Name} has no layers.");
        OutputFunction function = network.OutputFunction;
        string rawOutput = function == OutputFunction.Identity ? OutputName : LogitsName;

        var graph = new GraphWriter();
        graph.Value(InputName);
        var values = new string[layers.Count];
        var shapes = new int[layers.Count][];
        int[] inputShape = network.InputShape.ToArray();
        for (int i = 0; i < layers.Count; i++)
        {
            LayerInfo layer = layers[i];
            int[] reads = layer.Inputs;
            foreach (int source in reads)
            {
                if (source < -1 || source >= i) throw new NotSupportedException($"ONNX export: layer '{layer.Name}' ({layer.Kind}) reads layer {source}, which does not come before it.");
            }
            string[] inputs = reads.Select(source => source < 0 ? InputName : values[source]).ToArray();
            int[][] inputShapes = reads.Select(source => source < 0 ? inputShape : shapes[source]).ToArray();
            string output = graph.Value(i == layers.Count - 1 ? rawOutput : layer.Name);
            values[i] = LayerExporters.Export(new LayerExport(graph, network, i, inputs, inputShapes, output));
            shapes[i] = layer.OutputShape;
        }

        // A last layer that does nothing at inference (dropout) hands on its input: name the result as promised.
        string last = values[^1];
        if (last != rawOutput) graph.Node("Identity", rawOutput, [last], rawOutput);
        int[] outputShape = layers[^1].OutputShape;

        GraphProto g = graph.Graph;
        g.Name = network.GetType().Name;
        g.Input.Add(TensorValue(InputName, inputShape));
        switch (function)
        {
            case OutputFunction.Softmax:
                // Predict's softmax runs over each sample's outputs, flattened.
                string flat = outputShape.Length == 1 ? rawOutput : graph.Node("Flatten", "output/Flatten", [rawOutput], graph.Intermediate("logits_flat"), Int("axis", 1));
                graph.Node("Softmax", "output/Softmax", [flat], graph.Value(ProbabilitiesName), Int("axis", 1));
                g.Output.Add(TensorValue(ProbabilitiesName, [outputShape.Aggregate(1, (a, b) => a * b)]));
                break;
            case OutputFunction.Sigmoid:
                graph.Node("Sigmoid", "output/Sigmoid", [rawOutput], graph.Value(ProbabilitiesName));
                g.Output.Add(TensorValue(ProbabilitiesName, outputShape));
                break;
        }
        g.Output.Add(TensorValue(rawOutput, outputShape));

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "CnnCompiler",
            ProducerVersion = typeof(ModelExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "",
            Graph = g,
            DocString = $"{network.GetType().Name}: input {string.Join("×", inputShape)}, output {string.Join("×", outputShape)} ({function}).",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Onnx.ExportOpset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "cnncompiler.network", Value = network.GetType().FullName ?? network.GetType().Name });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "cnncompiler.output_function", Value = function.ToString() });
        return model.ToByteArray();
    }

    /// <summary>A float tensor value with a symbolic batch axis and one sample's <paramref name="shape"/>.</summary>
    private static ValueInfoProto TensorValue(string name, int[] shape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchAxis });
        foreach (int dim in shape) tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape } },
        };
    }
}
