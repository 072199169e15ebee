using CnnCompiler.OnnxFormat;

namespace CnnCompiler;

/// <summary>
/// Turns an ONNX CNN into a CnnCompiler declaration and its weights: Conv (+ an activation), MaxPool/AveragePool,
/// global pooling, Gemm or MatMul (+ Add), Flatten/Reshape to one vector per sample, BatchNormalization, residual Adds
/// (with 1×1 projections; torchvision-style basic blocks become [BasicBlock]), and the library's activations. After
/// <c>LoadWeights</c> of the written weights, the declared network gives the ONNX model's outputs.
/// </summary>
public static class OnnxImporter
{
    /// <summary>
    /// Reads and converts the model at <paramref name="path"/>. Corrupt or truncated files throw
    /// <see cref="InvalidDataException"/>; ops, patterns and shapes the library cannot declare throw
    /// <see cref="NotSupportedException"/> naming every such node. Nothing is written.
    /// </summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="className">The network class to declare (a C# identifier).</param>
    /// <param name="namespaceName">Its namespace, or null for none.</param>
    /// <param name="loss">
    /// The loss to declare for a model that ends on raw outputs: SoftmaxCrossEntropy, BinaryCrossEntropy or
    /// MeanSquaredError (the default there; Predict then returns the raw outputs). A model ending in Softmax or Sigmoid
    /// declares the loss whose Predict applies it.
    /// </param>
    public static ImportedNetwork Import(string path, string className, string? namespaceName = null, string? loss = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = File.ReadAllBytes(path);
        return Import(bytes, Path.GetFileName(path), className, namespaceName, loss);
    }

    /// <summary>As <see cref="Import(string, string, string?, string?)"/>, from the model's bytes; <paramref name="source"/> names it in messages.</summary>
    public static ImportedNetwork Import(byte[] model, string source, string className, string? namespaceName = null, string? loss = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(source);
        CSharpNames.RequireIdentifier(className, "class name", nameof(className));
        if (!string.IsNullOrEmpty(namespaceName)) CSharpNames.RequireNamespace(namespaceName, nameof(namespaceName));
        var graph = new ImportGraph(OnnxModelReader.Read(model, source), source);
        var (flat, inputShape, end) = GraphConverter.Convert(graph);
        string declaredLoss = end.Loss(loss, source);
        List<ImportedLayer> layers = BasicBlockPattern.Fold(flat);
        bool[] writeName = LayerNaming.Assign(layers);
        string producer = graph.Model.ProducerName.Length > 0 ? $"{graph.Model.ProducerName} {graph.Model.ProducerVersion}".Trim() : "an unknown producer";
        string origin = $"{source} ({producer}, opset {graph.Model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version.ToString() ?? "?"})";
        string code = DeclarationWriter.Write(className, namespaceName, inputShape, layers, writeName, declaredLoss, origin);
        var tensors = new List<ImportedTensorData>();
        foreach (ImportedLayer layer in layers)
        {
            foreach (ImportedTensor tensor in layer.Tensors)
            {
                tensors.Add(new ImportedTensorData($"{layer.Name}.{tensor.Role}", tensor.Shape, tensor.Values));
                if (tensor.Role.EndsWith("running_var", StringComparison.Ordinal))
                    tensors.Add(new ImportedTensorData($"{layer.Name}.{tensor.Role[..^"running_var".Length]}num_batches_tracked", [], []));
            }
        }
        return new ImportedNetwork(className, code, tensors, layers.Count, declaredLoss);
    }
}

/// <summary>One tensor of an import's weights, under its state_dict name (an empty shape and no values: BatchNorm's batch counter, written as int64 0).</summary>
public sealed record ImportedTensorData(string Name, int[] Shape, float[] Values);

/// <summary>An imported network: the declaration's C# and the weights in this library's state_dict names.</summary>
/// <param name="ClassName">The declared class.</param>
/// <param name="Source">The C# of the declaration (Name.cs).</param>
/// <param name="Tensors">The weights, in network order.</param>
/// <param name="LayerCount">Attributes declared (loss excluded).</param>
/// <param name="Loss">The loss attribute declared.</param>
public sealed record ImportedNetwork(string ClassName, string Source, IReadOnlyList<ImportedTensorData> Tensors, int LayerCount, string Loss)
{
    /// <summary>The number of trainable values (BatchNorm running statistics excluded).</summary>
    public long ParameterCount => Tensors.Where(t => !t.Name.EndsWith("running_mean", StringComparison.Ordinal) && !t.Name.EndsWith("running_var", StringComparison.Ordinal)).Sum(t => (long)t.Values.Length);

    /// <summary>The weights as a safetensors file (F32, BatchNorm's num_batches_tracked I64), as <c>LoadWeights</c> reads it.</summary>
    public SafeTensorsWriter Weights()
    {
        var writer = new SafeTensorsWriter();
        writer.AddMetadata("format", "pt");
        writer.AddMetadata(NetworkWeights.NetworkKey, ClassName);
        foreach (ImportedTensorData tensor in Tensors)
        {
            if (tensor.Shape.Length == 0 && tensor.Values.Length == 0) writer.AddInt64(tensor.Name, [], [0L]);
            else writer.AddFloats(tensor.Name, tensor.Shape, tensor.Values);
        }
        return writer;
    }

    /// <summary>
    /// Writes <c>ClassName.cs</c> and <c>ClassName.safetensors</c> into <paramref name="directory"/> (created if missing):
    /// both go to temporary files first and are renamed only when both are complete, so a failure leaves neither.
    /// Returns the two paths.
    /// </summary>
    public (string Declaration, string Weights) WriteTo(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        string code = Path.Combine(directory, ClassName + ".cs");
        string weights = Path.Combine(directory, ClassName + ".safetensors");
        AtomicWrite.WriteBoth(code, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(Source)), weights, stream => Weights().WriteTo(stream));
        return (code, weights);
    }
}
