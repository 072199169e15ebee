namespace CnnCompiler.Tool;

/// <summary>The cnncompiler command line: exit code 0 on success, 1 when the input is refused, 2 for a wrong command line.</summary>
public static class Cli
{
    public const string Usage = """
        Usage: cnncompiler import MODEL.onnx --class NAME [--namespace NS] [--out DIR] [--loss LOSS]

          Writes DIR/NAME.cs (the [Network] declaration, one attribute per layer, names kept from the ONNX graph) and
          DIR/NAME.safetensors (the weights in CnnCompiler's state_dict names; load them with net.LoadWeights).
          --out        the folder to write into (default: the current folder)
          --loss       for a model that ends on raw outputs: SoftmaxCrossEntropy, BinaryCrossEntropy or MeanSquaredError
                       (default; Predict then returns the raw outputs). A final Softmax or Sigmoid decides it.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] != "import")
        {
            error.WriteLine($"cnncompiler: unknown command '{args[0]}'.");
            error.WriteLine(Usage);
            return 2;
        }
        if (!TryParse(args[1..], out ImportArguments? import, out string problem))
        {
            error.WriteLine("cnncompiler import: " + problem);
            error.WriteLine(Usage);
            return 2;
        }
        try
        {
            ImportedNetwork network = OnnxImporter.Import(import.Model, import.ClassName, import.Namespace, import.Loss);
            var (declaration, weights) = network.WriteTo(import.Directory);
            output.WriteLine($"Imported {Path.GetFileName(import.Model)}: {network.LayerCount} layers, {network.ParameterCount:N0} parameters, [{network.Loss}].");
            output.WriteLine($"  {declaration}");
            output.WriteLine($"  {weights}");
            if (network.Loss == "MeanSquaredError" && import.Loss is null)
                output.WriteLine("  The model ends on raw outputs, so Predict returns them ([MeanSquaredError]); --loss SoftmaxCrossEntropy declares a classifier (its PredictLogits gives the model's outputs).");
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine("cnncompiler import: " + e.Message);
            return 1;
        }
    }

    private sealed record ImportArguments(string Model, string ClassName, string? Namespace, string Directory, string? Loss);

    private static bool TryParse(string[] args, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImportArguments? parsed, out string problem)
    {
        parsed = null;
        string? model = null, className = null, ns = null, directory = null, loss = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    problem = $"{arg} needs a value.";
                    return false;
                }
                string value = args[++i];
                switch (arg)
                {
                    case "--class": className = value; break;
                    case "--namespace": ns = value; break;
                    case "--out": directory = value; break;
                    case "--loss": loss = value; break;
                    default:
                        problem = $"unknown option {arg}.";
                        return false;
                }
            }
            else if (model is null)
            {
                model = arg;
            }
            else
            {
                problem = $"one model at a time ('{model}' and '{arg}' given).";
                return false;
            }
        }
        if (model is null || className is null)
        {
            problem = model is null ? "no model given." : "--class is required.";
            return false;
        }
        parsed = new ImportArguments(model, className, ns, directory ?? ".", loss);
        problem = "";
        return true;
    }
}
