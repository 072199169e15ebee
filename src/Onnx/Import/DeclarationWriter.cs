using System.Globalization;
using System.Text;

namespace CnnCompiler.OnnxFormat;

/// <summary>Writes the C# declaration of imported layers: [Network(…)], one attribute per layer with only the arguments that differ from the defaults, the loss, and the partial class.</summary>
internal static class DeclarationWriter
{
    public static string Write(string className, string? ns, int[] inputShape, IReadOnlyList<ImportedLayer> layers, bool[] writeName, string loss, string origin)
    {
        var source = new StringBuilder();
        source.AppendLine("// Imported by `cnncompiler import` from " + origin + ".");
        source.AppendLine("// The weights are in " + className + ".safetensors, with these layers' state_dict names: net.LoadWeights(\"" + className + ".safetensors\").");
        source.AppendLine("using CnnCompiler;");
        source.AppendLine();
        if (!string.IsNullOrEmpty(ns))
        {
            source.AppendLine($"namespace {ns};");
            source.AppendLine();
        }
        source.AppendLine($"[Network({Join(inputShape)})]");
        for (int i = 0; i < layers.Count; i++) source.AppendLine("[" + Attribute(layers[i], layers, writeName[i]) + "]");
        source.AppendLine($"[{loss}]");
        source.AppendLine($"public partial class {className};");
        return source.ToString();
    }

    private static string Attribute(ImportedLayer layer, IReadOnlyList<ImportedLayer> layers, bool writeName)
    {
        var arguments = new List<string>();
        var properties = new List<string>();
        string name;
        switch (layer.Kind)
        {
            case ImportedKind.Conv:
                name = $"Conv{layer.Rank}D";
                arguments.Add(Int(layer.Units));
                arguments.AddRange(Uniform(layer.Kernel) ? [Int(layer.Kernel[0])] : layer.Kernel.Select(Int));
                PerAxis(properties, "Stride", layer.Stride, layer.Rank, 1);
                if (layer.SamePadding) properties.Add("Padding = Padding.Same");
                else PerAxis(properties, "Padding", layer.Pad, layer.Rank, 0, uniformName: "PaddingSize");
                if (layer.Activation != "None") properties.Add($"Activation = Activation.{layer.Activation}");
                if (!layer.UseBias) properties.Add("UseBias = false");
                break;
            case ImportedKind.MaxPool or ImportedKind.AvgPool:
                name = $"{(layer.Kind == ImportedKind.MaxPool ? "Max" : "Avg")}Pool{layer.Rank}D";
                arguments.AddRange(Uniform(layer.Kernel) ? [Int(layer.Kernel[0])] : layer.Kernel.Select(Int));
                if (!layer.Stride.SequenceEqual(layer.Kernel)) PerAxis(properties, "Stride", layer.Stride, layer.Rank, int.MinValue);
                if (layer.Pad.Length > 0 && layer.Pad[0] > 0) properties.Add($"PaddingSize = {Int(layer.Pad[0])}");
                if (!layer.CountIncludePad) properties.Add("CountIncludePad = false");
                break;
            case ImportedKind.GlobalAveragePool or ImportedKind.GlobalMaxPool or ImportedKind.Flatten:
                name = layer.Kind.ToString();
                break;
            case ImportedKind.Dense:
                name = "Dense";
                arguments.Add(Int(layer.Units));
                if (layer.Activation != "None") properties.Add($"Activation = Activation.{layer.Activation}");
                if (!layer.UseBias) properties.Add("UseBias = false");
                break;
            case ImportedKind.BatchNorm:
                name = "BatchNorm";
                if (Math.Abs(layer.Momentum - 0.1f) > 1e-6f) properties.Add($"Momentum = {Float(layer.Momentum)}");
                if (Math.Abs(layer.Epsilon - 1e-5f) > 1e-9f) properties.Add($"Epsilon = {Float(layer.Epsilon)}");
                break;
            case ImportedKind.Activation:
                name = layer.Activation;
                if (layer.Activation == "LeakyReLU" && layer.Alpha != 0.01f) arguments.Add(Float(layer.Alpha));
                if (layer.Activation == "ELU" && layer.Alpha != 1f) arguments.Add(Float(layer.Alpha));
                break;
            case ImportedKind.Add:
                name = "Add";
                arguments.Add("\"" + layers[layer.Source].Name + "\"");
                if (layer.Projection) properties.Add("Projection = true");
                break;
            case ImportedKind.Multiply:
                name = "Multiply";
                arguments.Add("\"" + layers[layer.Source].Name + "\"");
                break;
            case ImportedKind.Upsample:
                name = $"Upsample{layer.Rank}D";
                arguments.AddRange(Uniform(layer.Kernel) ? [Int(layer.Kernel[0])] : layer.Kernel.Select(Int));
                if (layer.Linear) properties.Add("Mode = UpsampleMode.Linear");
                break;
            case ImportedKind.BasicBlock:
                name = "BasicBlock";
                arguments.Add(Int(layer.Units));
                if (layer.BlockStride != 1) properties.Add($"Stride = {Int(layer.BlockStride)}");
                break;
            default:
                throw new InvalidOperationException(layer.Kind.ToString());
        }
        if (writeName) properties.Add($"Name = \"{layer.Name}\"");
        var all = arguments.Concat(properties).ToList();
        return all.Count == 0 ? name : $"{name}({string.Join(", ", all)})";
    }

    /// <summary>One property for every axis when they agree (and differ from the default), else one per axis: Stride, or StrideHeight and StrideWidth.</summary>
    private static void PerAxis(List<string> properties, string stem, int[] values, int rank, int fallback, string? uniformName = null)
    {
        if (Uniform(values))
        {
            if (values[0] != fallback) properties.Add($"{uniformName ?? stem} = {Int(values[0])}");
            return;
        }
        string[] axes = rank == 2 ? ["Height", "Width"] : ["Depth", "Height", "Width"];
        for (int a = 0; a < rank; a++) properties.Add($"{stem}{axes[a]} = {Int(values[a])}");
    }

    private static bool Uniform(int[] values) => values.Length > 0 && values.All(v => v == values[0]);

    private static string Join(int[] values) => string.Join(", ", values.Select(Int));

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";
}
