namespace CnnCompiler.Numerics.Tests.PyTorch;

/// <summary>
/// One vector file written by tools/pytorch_reference.py: weights under PyTorch's state_dict names, plus the input,
/// labels or targets, output, loss and gradients of one forward/backward pass (see the script's docstring).
/// </summary>
public sealed class ParityVectors
{
    private readonly SafeTensorsFile _file;

    private ParityVectors(string path)
    {
        Path = path;
        _file = SafeTensors.Read(path);
    }

    public string Path { get; }

    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "PyTorch", "Vectors");

    public static ParityVectors Load(string name) => new(System.IO.Path.Combine(Directory, name + ".safetensors"));

    public string Mode => _file.Metadata["mode"];

    public string Loss => _file.Metadata["loss"];

    public bool Has(string name) => _file.TryGetTensor(name, out _);

    public IEnumerable<string> Names => _file.Tensors.Select(t => t.Name);

    public float[] Floats(string name)
    {
        SafeTensorInfo tensor = _file.GetTensor(name);
        var values = new float[tensor.ElementCount];
        _file.ReadFloats(tensor, values);
        return values;
    }

    public int[] Labels()
    {
        SafeTensorInfo tensor = _file.GetTensor("labels");
        var values = new long[tensor.ElementCount];
        _file.ReadInt64(tensor, values);
        return values.Select(v => checked((int)v)).ToArray();
    }

    /// <summary>Names in the file that are not network tensors: the pass's inputs, outputs and gradients.</summary>
    public static bool IsPassData(string name) =>
        name is "input" or "labels" or "targets" or "output" or "loss" or "eval_output_after"
        || name.StartsWith("grad.", StringComparison.Ordinal) || name.StartsWith("after.", StringComparison.Ordinal);
}
