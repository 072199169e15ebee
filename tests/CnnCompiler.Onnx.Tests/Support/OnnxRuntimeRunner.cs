using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CnnCompiler.OnnxTests.Support;

/// <summary>Runs an ONNX model in ONNX Runtime on a batch and returns every output by name, flattened.</summary>
public static class OnnxRuntimeRunner
{
    public static Dictionary<string, float[]> Run(byte[] model, float[] inputs, int count, ReadOnlySpan<int> sampleShape, string inputName = "input")
    {
        using var options = new SessionOptions();
        using var session = new InferenceSession(model, options);
        int[] dims = [count, .. sampleShape];
        var tensor = new DenseTensor<float>(inputs, dims);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        return results.ToDictionary(result => result.Name, result => result.AsEnumerable<float>().ToArray());
    }

    /// <summary>The names of the model's outputs, in order.</summary>
    public static string[] OutputNames(byte[] model)
    {
        using var session = new InferenceSession(model);
        return [.. session.OutputNames];
    }
}
