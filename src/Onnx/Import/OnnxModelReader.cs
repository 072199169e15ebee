using System.Buffers.Binary;
using CnnCompiler.OnnxFormat.Protobuf;
using Google.Protobuf;

namespace CnnCompiler.OnnxFormat;

/// <summary>Reads an .onnx file into its protobuf messages, refusing what is not a readable ONNX model with <see cref="InvalidDataException"/>.</summary>
internal static class OnnxModelReader
{
    public static ModelProto Read(byte[] bytes, string source)
    {
        if (bytes.Length == 0) throw Corrupt(source, "the file is empty");
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Corrupt(source, $"it is not a valid ONNX protobuf message, truncated or corrupt ({e.Message.TrimEnd('.')})", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0) throw Corrupt(source, "it holds no graph (not an ONNX model, or a corrupt one)");
        if (!model.HasIrVersion || model.IrVersion < 3) throw Corrupt(source, $"its IR version is {(model.HasIrVersion ? model.IrVersion.ToString() : "missing")}; ONNX models have 3 or more");
        return model;
    }

    /// <summary>The float values of an initializer or constant: raw little-endian data, or float_data.</summary>
    public static float[] Floats(TensorProto tensor, string source)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
            throw new NotSupportedException($"{source}: tensor '{tensor.Name}' keeps its data in an external file; save the model with its weights inside (onnx.save(model, path, save_as_external_data=False)).");
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new NotSupportedException($"{source}: tensor '{tensor.Name}' is of ONNX data type {(TensorProto.Types.DataType)tensor.DataType}; only float32 weights are imported.");
        long count = Count(tensor, source);
        float[] values;
        if (tensor.HasRawData)
        {
            if (tensor.RawData.Length != count * 4) throw Corrupt(source, $"tensor '{tensor.Name}' of shape {Shape(tensor)} holds {tensor.RawData.Length} bytes of data, not {count * 4}");
            values = new float[count];
            ReadOnlySpan<byte> raw = tensor.RawData.Span;
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(4 * i, 4));
        }
        else
        {
            if (tensor.FloatData.Count != count) throw Corrupt(source, $"tensor '{tensor.Name}' of shape {Shape(tensor)} holds {tensor.FloatData.Count} values, not {count}");
            values = [.. tensor.FloatData];
        }
        foreach (float value in values)
        {
            if (!float.IsFinite(value)) throw Corrupt(source, $"tensor '{tensor.Name}' holds {value}; weights must be finite");
        }
        return values;
    }

    /// <summary>The integer values of a constant (Reshape's shape): int64 raw data or int64_data.</summary>
    public static long[] Int64s(TensorProto tensor, string source)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Int64) throw new NotSupportedException($"{source}: tensor '{tensor.Name}' should hold int64 values.");
        long count = Count(tensor, source);
        if (tensor.HasRawData)
        {
            if (tensor.RawData.Length != count * 8) throw Corrupt(source, $"tensor '{tensor.Name}' holds {tensor.RawData.Length} bytes of data, not {count * 8}");
            var values = new long[count];
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt64LittleEndian(tensor.RawData.Span.Slice(8 * i, 8));
            return values;
        }
        if (tensor.Int64Data.Count != count) throw Corrupt(source, $"tensor '{tensor.Name}' holds {tensor.Int64Data.Count} values, not {count}");
        return [.. tensor.Int64Data];
    }

    public static int[] Dims(TensorProto tensor) => tensor.Dims.Select(d => (int)d).ToArray();

    public static string Shape(TensorProto tensor) => tensor.Dims.Count == 0 ? "scalar" : string.Join("×", tensor.Dims);

    private static long Count(TensorProto tensor, string source)
    {
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0 || dim > int.MaxValue) throw Corrupt(source, $"tensor '{tensor.Name}' has a dimension of {dim}");
            count *= dim;
            if (count > int.MaxValue) throw Corrupt(source, $"tensor '{tensor.Name}' of shape {Shape(tensor)} is too large");
        }
        return count;
    }

    public static InvalidDataException Corrupt(string source, string problem, Exception? inner = null) =>
        new($"{source}: {problem}.", inner);
}
