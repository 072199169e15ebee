using static CnnCompiler.OnnxFormat.GraphWriter;

namespace CnnCompiler.OnnxFormat;

/// <summary>
/// The ONNX form of each layer kind, one entry per kind in <see cref="ByKind"/> (LayerInfo.Kind: the attribute's name).
/// Each exporter writes the layer's nodes from its <see cref="LayerSettings"/> and returns the value holding its output:
/// normally <see cref="LayerExport.Output"/>, the input itself for a layer that does nothing at inference (dropout).
/// </summary>
internal static class LayerExporters
{
    private static readonly Dictionary<string, Func<LayerExport, string>> ByKind = Build();

    private static Dictionary<string, Func<LayerExport, string>> Build()
    {
        var table = new Dictionary<string, Func<LayerExport, string>>(StringComparer.Ordinal);
        foreach (string kind in new[] { "Conv1D", "Conv2D", "Conv3D" }) table[kind] = Convolution;
        foreach (string kind in new[] { "MaxPool1D", "MaxPool2D", "MaxPool3D" }) table[kind] = layer => Pool(layer, "MaxPool");
        foreach (string kind in new[] { "AvgPool1D", "AvgPool2D", "AvgPool3D" }) table[kind] = layer => Pool(layer, "AveragePool");
        foreach (string kind in new[] { "ReLU", "LeakyReLU", "ELU", "GELU", "Sigmoid", "Tanh", "ReLU6", "Hardswish", "Hardsigmoid", "SiLU" }) table[kind] = StandAloneActivation;
        table["GlobalAveragePool"] = layer => GlobalPool(layer, "GlobalAveragePool");
        table["GlobalMaxPool"] = layer => GlobalPool(layer, "GlobalMaxPool");
        foreach (string kind in new[] { "Upsample1D", "Upsample2D", "Upsample3D" }) table[kind] = Upsample;
        table["Dense"] = Dense;
        table["Flatten"] = layer => layer.Node("Flatten", [layer.Inputs[0]], layer.Output, Int("axis", 1));
        table["BatchNorm"] = BatchNorm;
        table["Dropout"] = layer => layer.Inputs[0];
        table["Add"] = layer => layer.Inputs.Length == 2 ? layer.Node("Add", layer.Inputs, layer.Output) : throw layer.Unsupported($"an add reads two values, this one {layer.Inputs.Length}");
        table["Multiply"] = Multiply;
        return table;
    }

    /// <summary>
    /// The squeeze-and-excitation gate as PyTorch's <c>x * s.view(N, C, 1, 1)</c>: Mul, the gate (the input with one value per
    /// channel) given the feature map's rank first — a C-vector unsqueezed to N×C×1×…, a C×1×… gate of another rank
    /// flattened (and unsqueezed) — so that it broadcasts over the spatial axes.
    /// </summary>
    private static string Multiply(LayerExport layer)
    {
        if (layer.Inputs.Length != 2) throw layer.Unsupported($"a gate reads two values, this one {layer.Inputs.Length}");
        static bool IsVector(int[] shape) => shape.Aggregate(1L, (a, n) => a * n) == shape[0];
        // As the generator decides: the named input (the second) is the gate when it is a vector, else the first.
        int gateIndex = IsVector(layer.InputShapes[1]) ? 1 : 0;
        string gate = layer.Inputs[gateIndex], feature = layer.Inputs[1 - gateIndex];
        int[] gateShape = layer.InputShapes[gateIndex], featureShape = layer.InputShapes[1 - gateIndex];
        if (gateShape.Length != featureShape.Length)
        {
            if (gateShape.Length > 1) gate = layer.Node("Flatten", [gate], layer.Intermediate("Flatten"), Int("axis", 1));
            if (featureShape.Length > 1)
            {
                long[] axes = [.. Enumerable.Range(2, featureShape.Length - 1).Select(a => (long)a)];
                string axesName = layer.Graph.Int64s($"unsqueeze.{layer.Name}.axes", axes);
                gate = layer.Node("Unsqueeze", [gate, axesName], layer.Intermediate("Unsqueeze"));
            }
        }
        return layer.Node("Mul", gateIndex == 1 ? [feature, gate] : [gate, feature], layer.Output);
    }

    /// <summary>The layer kinds the exporter knows.</summary>
    public static IEnumerable<string> Kinds => ByKind.Keys;

    public static string Export(LayerExport layer)
    {
        if (!ByKind.TryGetValue(layer.Layer.Kind, out var export))
        {
            throw layer.Unsupported($"the ONNX exporter has no form for the layer kind '{layer.Layer.Kind}' (it knows {string.Join(", ", ByKind.Keys)})");
        }
        if (layer.Inputs.Length == 0) throw layer.Unsupported("its table row lists no inputs (a layer table written by hand, not generated?)");
        try
        {
            return export(layer);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException)
        {
            throw layer.Unsupported(e.Message.TrimEnd('.'));
        }
    }

    private static string Convolution(LayerExport layer)
    {
        LayerSettings s = layer.Settings;
        int[] kernel = s.Ints("kernel");
        var inputs = new List<string> { layer.Inputs[0], layer.Tensor("weight") };
        if (s.Bool("bias")) inputs.Add(layer.Tensor("bias"));
        string activation = s.Text("activation");
        string convolved = activation == "None" ? layer.Output : layer.Intermediate("Conv");
        layer.Node("Conv", inputs, convolved,
            Ints("kernel_shape", kernel), Ints("strides", s.Ints("stride")), Ints("pads", [.. s.Ints("pad_begin"), .. s.Ints("pad_end")]),
            Ints("dilations", s.Ints("dilation")), Int("group", s.Int("groups")));
        return Activation(layer, convolved, activation, layer.Output);
    }

    private static string Pool(LayerExport layer, string op)
    {
        LayerSettings s = layer.Settings;
        var attributes = new List<Protobuf.AttributeProto>
        {
            Ints("kernel_shape", s.Ints("kernel")), Ints("strides", s.Ints("stride")), Ints("pads", [.. s.Ints("pad_begin"), .. s.Ints("pad_end")]),
        };
        if (op == "AveragePool") attributes.Add(Int("count_include_pad", s.Bool("count_include_pad") ? 1 : 0));
        return layer.Node(op, [layer.Inputs[0]], layer.Output, [.. attributes]);
    }

    /// <summary>Global pooling keeps 1×… spatial axes in ONNX; the library's output is a vector of channels, so it is flattened.</summary>
    private static string GlobalPool(LayerExport layer, string op)
    {
        string pooled = layer.Node(op, [layer.Inputs[0]], layer.Intermediate(op));
        return layer.Node("Flatten", [pooled], layer.Output, Int("axis", 1));
    }

    /// <summary>
    /// Resize by the layer's integer scales, as torch.onnx exports nn.Upsample: nearest with the asymmetric source index
    /// and floor (output o reads input ⌊o / scale⌋), linear with half-pixel centres (align_corners = False).
    /// </summary>
    private static string Upsample(LayerExport layer)
    {
        LayerSettings s = layer.Settings;
        float[] scales = [1f, 1f, .. s.Ints("scale").Select(scale => (float)scale)];
        string scalesName = layer.Graph.Initializer($"resize.{layer.Name}.scales", [scales.Length], scales);
        bool linear = s.Text("mode") == "linear";
        return layer.Node("Resize", [layer.Inputs[0], "", scalesName], layer.Output,
            Text("mode", linear ? "linear" : "nearest"),
            Text("coordinate_transformation_mode", linear ? "half_pixel" : "asymmetric"),
            Text("nearest_mode", "floor"));
    }

    /// <summary>Gemm with the state_dict's out × in weight (transB); a spatial input is flattened channel-major first, as torch.flatten.</summary>
    private static string Dense(LayerExport layer)
    {
        LayerSettings s = layer.Settings;
        string input = layer.Inputs[0];
        if (layer.InputShapes[0].Length > 1) input = layer.Node("Flatten", [input], layer.Intermediate("Flatten"), Int("axis", 1));
        var inputs = new List<string> { input, layer.Tensor("weight") };
        if (s.Bool("bias")) inputs.Add(layer.Tensor("bias"));
        string activation = s.Text("activation");
        string product = activation == "None" ? layer.Output : layer.Intermediate("Gemm");
        layer.Node("Gemm", inputs, product, Float("alpha", 1f), Float("beta", 1f), Int("transB", 1));
        return Activation(layer, product, activation, layer.Output);
    }

    /// <summary>BatchNormalization with the running statistics (inference); ONNX's momentum is 1 − PyTorch's.</summary>
    private static string BatchNorm(LayerExport layer)
    {
        LayerSettings s = layer.Settings;
        string[] inputs = [layer.Inputs[0], layer.Tensor("weight"), layer.Tensor("bias"), layer.Tensor("running_mean"), layer.Tensor("running_var")];
        return layer.Node("BatchNormalization", inputs, layer.Output, Float("epsilon", s.Float("epsilon")), Float("momentum", 1f - s.Float("momentum")));
    }

    private static string StandAloneActivation(LayerExport layer)
    {
        string activation = layer.Settings.Text("activation");
        if (activation == "None") return layer.Node("Identity", [layer.Inputs[0]], layer.Output);
        return Activation(layer, layer.Inputs[0], activation, layer.Output);
    }

    /// <summary>
    /// <paramref name="activation"/> of <paramref name="input"/> into <paramref name="output"/> (nothing for None, where
    /// the input already is the output). GELU is written as PyTorch exports it below opset 20: x · (1 + erf(x / √2)) · 0.5;
    /// ReLU6 as Clip(x, 0, 6), Hardsigmoid as HardSigmoid(α = 1/6, β = 0.5), Hardswish as HardSwish and SiLU as
    /// Mul(x, Sigmoid(x)), as torch.onnx exports them at opset 17.
    /// </summary>
    private static string Activation(LayerExport layer, string input, string activation, string output)
    {
        switch (activation)
        {
            case "None":
                return input;
            case "ReLU":
                return layer.Node("Relu", [input], output);
            case "Sigmoid":
                return layer.Node("Sigmoid", [input], output);
            case "Tanh":
                return layer.Node("Tanh", [input], output);
            case "LeakyReLU":
                return layer.Node("LeakyRelu", [input], output, Float("alpha", layer.Settings.Float("alpha")));
            case "ELU":
                return layer.Node("Elu", [input], output, Float("alpha", layer.Settings.Float("alpha")));
            case "ReLU6":
                return layer.Node("Clip", [input, layer.Graph.Scalar("relu6.min", 0f), layer.Graph.Scalar("relu6.max", 6f)], output);
            case "Hardsigmoid":
                return layer.Node("HardSigmoid", [input], output, Float("alpha", 1f / 6f), Float("beta", 0.5f));
            case "Hardswish":
                return layer.Node("HardSwish", [input], output);
            case "SiLU":
                string sigmoid = layer.Node("Sigmoid", [input], layer.Intermediate("Sigmoid"));
                return layer.Node("Mul", [input, sigmoid], output);
            case "GELU":
                string scaled = layer.Node("Div", [input, layer.Graph.Scalar("gelu.sqrt2", MathF.Sqrt(2f))], layer.Intermediate("Div"));
                string erf = layer.Node("Erf", [scaled], layer.Intermediate("Erf"));
                string shifted = layer.Node("Add", [erf, layer.Graph.Scalar("gelu.one", 1f)], layer.Intermediate("Add"));
                string product = layer.Node("Mul", [input, shifted], layer.Intermediate("Mul"));
                return layer.Node("Mul", [product, layer.Graph.Scalar("gelu.half", 0.5f)], output);
            default:
                throw layer.Unsupported($"the activation '{activation}' has no ONNX form here");
        }
    }
}
