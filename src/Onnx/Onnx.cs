using CnnCompiler.OnnxFormat;

namespace CnnCompiler;

/// <summary>
/// ONNX export and import. Export writes a model (opset 17, IR version 8) with a dynamic batch axis that ONNX Runtime
/// runs with the outputs of <see cref="INetwork.Predict"/> and <see cref="INetwork.PredictLogits"/>; its initializers
/// carry the network's PyTorch state_dict names, as the safetensors weights do. Import turns an ONNX CNN into an
/// attribute declaration and weights in this library's names (the cnncompiler tool).
/// </summary>
public static class Onnx
{
    /// <summary>The ONNX opset the exporter writes.</summary>
    public const int ExportOpset = 17;

    /// <summary>
    /// Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/>: input "input" (batch × the input
    /// shape), outputs "probabilities" (softmax or sigmoid, as Predict) and "logits" (as PredictLogits), or one output
    /// "output" for a regression on raw outputs. Throws <see cref="NotSupportedException"/> naming the layer and why when
    /// a layer cannot be exported; then nothing is written.
    /// </summary>
    public static void Export(INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        byte[] model = ModelExporter.Export(network);
        stream.Write(model);
    }

    /// <summary>
    /// Writes <paramref name="network"/> as an ONNX model to <paramref name="path"/>, atomically (a temporary file in the
    /// same folder, flushed, then moved over the target), so a failure leaves no partial file and any old file intact.
    /// </summary>
    public static void Export(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] model = ModelExporter.Export(network);
        AtomicWrite.Write(path, stream => stream.Write(model));
    }
}

/// <summary>ONNX export as an extension of every network.</summary>
public static class OnnxExtensions
{
    /// <summary>
    /// Writes the network as an ONNX model to <paramref name="path"/>, atomically: see <see cref="Onnx.Export(INetwork, string)"/>.
    /// </summary>
    public static void ExportOnnx(this INetwork network, string path) => Onnx.Export(network, path);
}
