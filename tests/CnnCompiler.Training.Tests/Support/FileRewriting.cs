namespace CnnCompiler.Training.Tests.Support;

/// <summary>Copies a safetensors file's tensors (values converted to F32, counts kept as I64) into a new writer, leaving some out.</summary>
internal static class FileRewriting
{
    public static SafeTensorsWriter CopyWithout(SafeTensorsFile file, params string[] leftOut)
    {
        var writer = new SafeTensorsWriter();
        foreach (SafeTensorInfo tensor in file.Tensors.Where(t => !leftOut.Contains(t.Name)))
        {
            int[] shape = tensor.Shape.Select(d => (int)d).ToArray();
            if (tensor.DType == SafeTensorDType.I64)
            {
                var counts = new long[tensor.ElementCount];
                file.ReadInt64(tensor, counts);
                writer.AddInt64(tensor.Name, shape, counts);
            }
            else
            {
                var values = new float[tensor.ElementCount];
                file.ReadFloats(tensor, values);
                writer.AddFloats(tensor.Name, shape, values);
            }
        }
        return writer;
    }
}
