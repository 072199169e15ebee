using CnnCompiler.OnnxFormat.Protobuf;
using static CnnCompiler.OnnxFormat.ImportGraph;

namespace CnnCompiler.OnnxFormat;

/// <summary>The conversions of <see cref="GraphConverter"/>: one method per ONNX pattern, each adding the layer it declares.</summary>
internal sealed partial class GraphConverter
{
    private void Convolution(NodeProto node)
    {
        var input = Main(node);
        string weight = RequireConstant(node, 1, "weight");
        int[] w = _graph.Dims(weight);
        int rank = w.Length - 2;
        if (rank != input.Shape.Length - 1 || rank is < 1 or > 3) throw Pattern(node, $"its weight of shape {string.Join("×", w)} does not fit the input {string.Join("×", input.Shape)}");
        if (Int(node, "group", 1) != 1) throw Pattern(node, $"grouped convolutions (group = {Int(node, "group", 1)}) are not supported");
        if (Ints(node, "dilations") is { } dilations && dilations.Any(d => d != 1)) throw Pattern(node, $"dilated convolutions (dilations {string.Join(", ", dilations)}) are not supported");
        if (w[1] != input.Shape[0]) throw Pattern(node, $"its weight has {w[1]} input channels, its input {input.Shape[0]}");
        int[] kernel = Ints(node, "kernel_shape") ?? w[2..];
        if (!kernel.SequenceEqual(w[2..])) throw Pattern(node, "kernel_shape does not match the weight");
        var geometry = Geometry(node, input.Shape, kernel, defaultStride: 1, allowSame: true);
        bool bias = node.Input.Count > 2 && node.Input[2].Length > 0;
        var tensors = new List<ImportedTensor> { new("weight", w, _graph.Floats(weight)) };
        if (bias) tensors.Add(new("bias", [w[0]], _graph.Floats(RequireConstant(node, 2, "bias"))));
        var layer = new ImportedLayer
        {
            Kind = ImportedKind.Conv, Origin = Label(node), GraphName = WeightName(weight) ?? NodeName(node), Rank = rank, Units = w[0],
            Kernel = kernel, Stride = geometry.Stride, Pad = geometry.Pad, SamePadding = geometry.Same, UseBias = bias,
            OutputShape = [w[0], .. geometry.Output], Tensors = tensors,
        };
        Add(layer, FuseActivation(node.Output[0], layer));
    }

    private void Pool(NodeProto node)
    {
        var input = Main(node);
        int rank = input.Shape.Length - 1;
        int[] kernel = Ints(node, "kernel_shape") ?? throw Pattern(node, "it has no kernel_shape");
        if (kernel.Length != rank || rank < 1) throw Pattern(node, $"its {kernel.Length}D window does not fit the input {string.Join("×", input.Shape)}");
        if (Int(node, "ceil_mode", 0) != 0) throw Pattern(node, "ceil_mode = 1 is not supported (outputs are floor-sized, as PyTorch's default)");
        if (Ints(node, "dilations") is { } dilations && dilations.Any(d => d != 1)) throw Pattern(node, "dilated pooling is not supported");
        if (node.Output.Count > 1 && _graph.Consumers(node.Output[1]).Count > 0) throw Pattern(node, "its indices output is read");
        var geometry = Geometry(node, input.Shape, kernel, defaultStride: 1, allowSame: false);
        if (geometry.Pad.Distinct().Count() > 1) throw Pattern(node, $"pooling takes one padding size for every axis, this one pads {string.Join(", ", geometry.Pad)}");
        bool average = node.OpType == "AveragePool";
        bool padded = geometry.Pad.Any(p => p > 0);
        Add(node, new ImportedLayer
        {
            Kind = average ? ImportedKind.AvgPool : ImportedKind.MaxPool, Origin = Label(node), GraphName = NodeName(node), Rank = rank,
            Kernel = kernel, Stride = geometry.Stride, Pad = geometry.Pad, OutputShape = [input.Shape[0], .. geometry.Output],
            CountIncludePad = !(average && padded) || Int(node, "count_include_pad", 0) != 0,
        });
    }

    /// <summary>
    /// Resize by constant integer scales on the spatial axes, as torch.onnx exports nn.Upsample: nearest with the
    /// asymmetric source index and floor, or linear with half-pixel centres (align_corners = False).
    /// </summary>
    private void Resize(NodeProto node)
    {
        var input = Main(node);
        int rank = input.Shape.Length - 1;
        if (rank is < 1 or > 3) throw Pattern(node, $"it resizes an input of shape {string.Join("×", input.Shape)}; 1 to 3 spatial axes are supported");
        int[] scale;
        if (node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            if (!_graph.IsConstant(node.Input[2])) throw Pattern(node, "its scales are computed in the graph; only constant scales are supported");
            float[] scales = _graph.Floats(node.Input[2]);
            if (scales.Length != rank + 2 || scales[0] != 1f || scales[1] != 1f) throw Pattern(node, $"its scales ({string.Join(", ", scales)}) must be 1 on the batch and channel axes, one per spatial axis");
            if (scales.Skip(2).Any(f => f < 1f || f != MathF.Floor(f))) throw Pattern(node, $"its scales ({string.Join(", ", scales)}) are not whole numbers ≥ 1");
            scale = [.. scales.Skip(2).Select(f => (int)f)];
        }
        else if (node.Input.Count > 3 && node.Input[3].Length > 0 && _graph.IsConstant(node.Input[3]))
        {
            long[] sizes = OnnxModelReader.Int64s(_graph.Constant(node.Input[3]), Source);
            if (sizes.Length != rank + 2) throw Pattern(node, $"its sizes ({string.Join(", ", sizes)}) do not fit the input");
            scale = new int[rank];
            for (int a = 0; a < rank; a++)
            {
                if (sizes[a + 2] % input.Shape[a + 1] != 0) throw Pattern(node, $"it resizes {input.Shape[a + 1]} to {sizes[a + 2]}, not a whole multiple");
                scale[a] = (int)(sizes[a + 2] / input.Shape[a + 1]);
            }
        }
        else throw Pattern(node, "it has neither constant scales nor constant sizes");
        string mode = Text(node, "mode", "nearest"), transform = Text(node, "coordinate_transformation_mode", "half_pixel");
        bool linear = mode == "linear";
        if (linear && transform is not ("half_pixel" or "pytorch_half_pixel"))
            throw Pattern(node, $"linear resizing with coordinate_transformation_mode '{transform}' is not supported (only half_pixel: PyTorch's align_corners = False)");
        if (mode == "nearest" && (transform != "asymmetric" || Text(node, "nearest_mode", "round_prefer_floor") != "floor"))
            throw Pattern(node, "nearest resizing is imported only with coordinate_transformation_mode 'asymmetric' and nearest_mode 'floor' (PyTorch's nn.Upsample)");
        if (!linear && mode != "nearest") throw Pattern(node, $"mode '{mode}' is not supported (nearest and linear are)");
        Add(node, new ImportedLayer
        {
            Kind = ImportedKind.Upsample, Origin = Label(node), GraphName = NodeName(node), Rank = rank, Kernel = scale, Linear = linear,
            OutputShape = [input.Shape[0], .. Enumerable.Range(0, rank).Select(a => input.Shape[a + 1] * scale[a])],
        });
    }

    /// <summary>Flatten(axis 1) or Reshape to (batch, features): nothing when a dense layer (which flattens) or nothing spatial follows, else [Flatten].</summary>
    private void Flatten(NodeProto node)
    {
        var input = Main(node);
        int length = input.Shape.Aggregate(1, (a, b) => a * b);
        if (node.OpType == "Flatten" && Int(node, "axis", 1) != 1) throw Pattern(node, $"it flattens from axis {Int(node, "axis", 1)}; only axis 1 (each sample to one vector) is supported");
        if (node.OpType == "Reshape")
        {
            if (node.Input.Count < 2 || !_graph.IsConstant(node.Input[1])) throw Pattern(node, "its shape is computed in the graph; only a constant shape (batch, features) is supported");
            long[] shape = OnnxModelReader.Int64s(_graph.Constant(node.Input[1]), Source);
            bool flattens = shape.Length == 2 && (shape[1] == length || (shape[1] == -1 && shape[0] is 0 or -1));
            if (!flattens) throw Pattern(node, $"it reshapes to ({string.Join(", ", shape)}); only reshapes of each sample to one vector of {length} are supported");
        }
        if (input.Shape.Length == 1 || _graph.SoleConsumer(node.Output[0]) is { OpType: "Gemm" or "MatMul" })
        {
            _values[node.Output[0]] = (input.Layer, [length]);
            return;
        }
        Add(node, new ImportedLayer { Kind = ImportedKind.Flatten, Origin = Label(node), GraphName = NodeName(node), OutputShape = [length] });
    }

    private void Gemm(NodeProto node)
    {
        var input = Main(node);
        if (Float(node, "alpha", 1f) != 1f || (node.Input.Count > 2 && Float(node, "beta", 1f) != 1f)) throw Pattern(node, "alpha and beta other than 1 are not supported");
        if (Int(node, "transA", 0) != 0) throw Pattern(node, "transA = 1 is not supported");
        string weight = RequireConstant(node, 1, "weight");
        int[] dims = _graph.Dims(weight);
        if (dims.Length != 2) throw Pattern(node, "its weight is not a matrix");
        bool transposed = Int(node, "transB", 0) != 0;
        float[] values = _graph.Floats(weight);
        if (!transposed) values = Transpose(values, dims[0], dims[1]);
        int units = transposed ? dims[0] : dims[1], inputs = transposed ? dims[1] : dims[0];
        string? bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? RequireConstant(node, 2, "bias") : null;
        Dense(node, input.Shape, units, inputs, values, bias is null ? null : _graph.Floats(bias), node.Output[0], WeightName(weight));
    }

    /// <summary>MatMul by a constant in×out matrix, with the Add of a constant bias after it when there is one.</summary>
    private void MatMul(NodeProto node)
    {
        var input = Main(node);
        string weight = RequireConstant(node, 1, "weight");
        int[] dims = _graph.Dims(weight);
        if (dims.Length != 2) throw Pattern(node, "its weight is not a matrix");
        float[] values = Transpose(_graph.Floats(weight), dims[0], dims[1]);
        string output = node.Output[0];
        float[]? bias = null;
        if (_graph.SoleConsumer(output) is { OpType: "Add" } add && add.Input.FirstOrDefault(_graph.IsConstant) is { } constant && add.Input.Count(_graph.IsConstant) == 1)
        {
            bias = _graph.Floats(constant);
            if (bias.Length != dims[1]) throw Pattern(add, $"its bias has {bias.Length} values for {dims[1]} units");
            _handled.Add(add);
            output = add.Output[0];
        }
        Dense(node, input.Shape, dims[1], dims[0], values, bias, output, WeightName(weight));
    }

    private void Dense(NodeProto node, int[] inputShape, int units, int inputs, float[] weight, float[]? bias, string output, string? name)
    {
        int length = inputShape.Aggregate(1, (a, b) => a * b);
        if (inputShape.Length != 1 || length != inputs) throw Pattern(node, $"it multiplies {inputs} inputs, its input holds {string.Join("×", inputShape)}");
        if (bias is not null && bias.Length != units) throw Pattern(node, $"its bias has {bias.Length} values for {units} units");
        var tensors = new List<ImportedTensor> { new("weight", [units, inputs], weight) };
        if (bias is not null) tensors.Add(new("bias", [units], bias));
        var layer = new ImportedLayer
        {
            Kind = ImportedKind.Dense, Origin = Label(node), GraphName = name ?? NodeName(node), Units = units, UseBias = bias is not null,
            OutputShape = [units], Tensors = tensors,
        };
        Add(layer, FuseActivation(output, layer));
    }

    private void BatchNorm(NodeProto node)
    {
        var input = Main(node);
        if (Int(node, "training_mode", 0) != 0 || node.Output.Skip(1).Any(o => o.Length > 0 && _graph.Consumers(o).Count > 0))
            throw Pattern(node, "it runs in training mode; only inference-mode BatchNormalization (running statistics) is imported");
        int channels = input.Shape[0];
        string[] roles = ["weight", "bias", "running_mean", "running_var"];
        var tensors = new List<ImportedTensor>();
        for (int i = 0; i < 4; i++)
        {
            float[] values = _graph.Floats(RequireConstant(node, i + 1, roles[i]));
            if (values.Length != channels) throw Pattern(node, $"its {roles[i]} has {values.Length} values for {channels} channels");
            tensors.Add(new(roles[i], [channels], values));
        }
        Add(node, new ImportedLayer
        {
            Kind = ImportedKind.BatchNorm, Origin = Label(node), GraphName = WeightName(node.Input[1]) ?? NodeName(node), OutputShape = input.Shape,
            Epsilon = Float(node, "epsilon", 1e-5f), Momentum = TorchMomentum(Float(node, "momentum", 0.9f)), Tensors = tensors,
        });
    }

    private void StandAloneActivation(NodeProto node)
    {
        var input = Main(node);
        if (node.OpType == "Gelu" && Text(node, "approximate", "none") != "none") throw Pattern(node, "only the exact (erf) GELU is supported");
        if (node.OpType == "Clip" && !IsReLU6(node)) throw Pattern(node, "a Clip is imported only as ReLU6, with the constant bounds 0 and 6");
        if (node.OpType == "HardSigmoid" && !IsTorchHardsigmoid(node))
            throw Pattern(node, $"a HardSigmoid is imported only as PyTorch's Hardsigmoid, alpha = 1/6 and beta = 0.5 (this one has {Float(node, "alpha", 0.2f)} and {Float(node, "beta", 0.5f)})");
        if (node.OpType == "Sigmoid" && SiLUProduct(node) is { } product)
        {
            _handled.Add(product);
            Add(new ImportedLayer { Kind = ImportedKind.Activation, Origin = Label(node), GraphName = NodeName(node), OutputShape = input.Shape, Activation = "SiLU" }, product.Output[0]);
            return;
        }
        (string activation, float alpha) = node.OpType switch
        {
            "Relu" => ("ReLU", 0f),
            "Clip" => ("ReLU6", 0f),
            "HardSigmoid" => ("Hardsigmoid", 0f),
            "HardSwish" => ("Hardswish", 0f),
            "LeakyRelu" => ("LeakyReLU", Float(node, "alpha", 0.01f)),
            "Elu" => ("ELU", Float(node, "alpha", 1f)),
            "Gelu" => ("GELU", 0f),
            _ => (node.OpType, 0f),
        };
        Add(node, new ImportedLayer { Kind = ImportedKind.Activation, Origin = Label(node), GraphName = NodeName(node), OutputShape = input.Shape, Activation = activation, Alpha = alpha });
    }

    /// <summary>GELU as PyTorch exports it below opset 20: Div(x, √2) → Erf → Add(1) → Mul(x) → Mul(0.5), the two Muls in either order.</summary>
    private void Gelu(NodeProto div)
    {
        var input = Main(div);
        string x = div.Input[0];
        bool matches = Near(_graph.Scalar(div.Input[1]), Math.Sqrt(2));
        NodeProto? erf = matches ? _graph.SoleConsumer(div.Output[0]) : null;
        NodeProto? plusOne = erf is { OpType: "Erf" } ? _graph.SoleConsumer(erf.Output[0]) : null;
        matches = plusOne is { OpType: "Add" } && plusOne.Input.Any(i => Near(_graph.Scalar(i), 1));
        NodeProto? first = matches ? _graph.SoleConsumer(plusOne!.Output[0]) : null;
        NodeProto? second = first is { OpType: "Mul" } ? _graph.SoleConsumer(first.Output[0]) : null;
        // x · (1 + erf) then · 0.5, or (x · 0.5) · (1 + erf) where the half comes first.
        bool direct = first is { OpType: "Mul" } && first.Input.Contains(x) && second is { OpType: "Mul" } && second.Input.Any(i => Near(_graph.Scalar(i), 0.5));
        NodeProto? half = _graph.Consumers(x).FirstOrDefault(n => n.OpType == "Mul" && n.Input.Any(i => Near(_graph.Scalar(i), 0.5)));
        bool halfFirst = !direct && first is { OpType: "Mul" } && half is not null && first.Input.Contains(half.Output[0]);
        if (!matches || !(direct || halfFirst)) throw Pattern(div, "a Div is imported only as part of GELU's erf form x · (1 + erf(x / √2)) · 0.5");
        NodeProto last = direct ? second! : first!;
        foreach (NodeProto part in new[] { erf!, plusOne!, first!, direct ? second! : half! }) _handled.Add(part);
        var layer = new ImportedLayer { Kind = ImportedKind.Activation, Origin = Label(div), GraphName = NodeName(div), OutputShape = input.Shape, Activation = "GELU" };
        Add(layer, last.Output[0]);
    }

    /// <summary>A residual add: the layer before it plus an earlier layer's output, projected when a 1×1 Conv and BatchNormalization stand between.</summary>
    private void Residual(NodeProto node)
    {
        if (node.Input.Count != 2 || node.Input.Any(_graph.IsConstant)) throw Pattern(node, "an Add of a constant is imported only as the bias after a MatMul");
        bool projected = _projections.TryGetValue(node, out var projection);
        string[] inputs = [.. node.Input];
        string? branch = projected ? (projection.Norm ?? projection.Conv).Output[0] : null;
        var refs = inputs.Select(i => i == branch ? Read(projection.Conv.Input[0], Label(node)) : Read(i, Label(node))).ToArray();
        int current = _layers.Count - 1;
        int mainSide = refs[0].Layer == current && inputs[0] != branch ? 0 : 1;
        if (refs[mainSide].Layer != current) throw Pattern(node, "neither input is the output of the layer before it");
        var main = refs[mainSide];
        var source = refs[1 - mainSide];
        if (source.Layer < 0) throw Pattern(node, "a residual from the network's input is not supported (the source must be a layer)");
        var tensors = new List<ImportedTensor>();
        if (projected)
        {
            NodeProto conv = projection.Conv;
            NodeProto? norm = projection.Norm;
            int[] w = _graph.Dims(conv.Input[1]);
            if (Int(conv, "group", 1) != 1 || Ints(conv, "pads") is { } pads && pads.Any(p => p != 0)) throw Pattern(conv, "a projection shortcut is an unpadded 1×1 convolution with one group");
            int rank = source.Shape.Length - 1;
            int[] strides = Ints(conv, "strides") ?? [.. Enumerable.Repeat(1, rank)];
            int[] output = [w[0], .. Enumerable.Range(0, rank).Select(a => (source.Shape[a + 1] - 1) / strides[a] + 1)];
            if (!output.SequenceEqual(main.Shape)) throw Pattern(node, $"its shortcut gives {string.Join("×", output)}, its main path {string.Join("×", main.Shape)}");
            CheckProjectionStride(node, source.Layer, source.Shape, main.Shape, strides);
            tensors.Add(new("projection.0.weight", w, _graph.Floats(conv.Input[1])));
            string[] roles = ["weight", "bias", "running_mean", "running_var"];
            if (norm is not null)
            {
                if (Math.Abs(Float(norm, "epsilon", 1e-5f) - 1e-5f) > 1e-9f) throw Pattern(norm, "a projection's BatchNorm has PyTorch's default epsilon 1e-5 in CnnCompiler");
                for (int i = 0; i < 4; i++) tensors.Add(new("projection.1." + roles[i], [w[0]], _graph.Floats(norm.Input[i + 1])));
            }
            else
            {
                // A BatchNorm folded into the Conv's bias: the projection's BatchNorm becomes y = x + bias (γ = 1, μ = 0,
                // σ² = 1 − ε, so that σ² + ε = 1 and the scale is exactly 1).
                float[] bias = _graph.Floats(conv.Input[2]);
                float[][] values = [[.. Enumerable.Repeat(1f, w[0])], bias, new float[w[0]], [.. Enumerable.Repeat(1f - 1e-5f, w[0])]];
                for (int i = 0; i < 4; i++) tensors.Add(new("projection.1." + roles[i], [w[0]], values[i]));
            }
        }
        else if (!source.Shape.SequenceEqual(main.Shape))
        {
            throw Pattern(node, $"it adds {string.Join("×", source.Shape)} to {string.Join("×", main.Shape)}; broadcasting adds are not supported");
        }
        Add(node, new ImportedLayer
        {
            Kind = ImportedKind.Add, Origin = Label(node), GraphName = NodeName(node), OutputShape = main.Shape, Source = source.Layer, Projection = projected, Tensors = tensors,
            ProjectionStride = projected ? Ints(projection.Conv, "strides") ?? [.. Enumerable.Repeat(1, source.Shape.Length - 1)] : [],
        });
    }

    /// <summary>
    /// A per-channel vector (N×C) unsqueezed to N×C×1×… for a gate: the same layer's output seen with 1-sized spatial axes,
    /// which [Multiply] reads as it reads the vector.
    /// </summary>
    private void UnsqueezeGate(NodeProto node)
    {
        // The gate may be an earlier layer's output (the Mul reads it as its source).
        if (node.Input.Count == 0) throw Pattern(node, "it has no input");
        var vector = Read(node.Input[0], Label(node));
        if (node.Input.Count != 2 || !_graph.IsConstant(node.Input[1])) throw Pattern(node, "its axes are not a constant initializer");
        long[] axes = OnnxModelReader.Int64s(_graph.Constant(node.Input[1]), Source);
        if (vector.Shape.Length != 1 || axes.Length is < 1 or > 3 || !axes.Order().SequenceEqual(Enumerable.Range(2, axes.Length).Select(a => (long)a)))
            throw Pattern(node, "only a per-channel vector (N×C) unsqueezed along the axes after the channels (2, 3, …) is imported, as a squeeze-and-excitation gate");
        _values[node.Output[0]] = (vector.Layer, [vector.Shape[0], .. Enumerable.Repeat(1, axes.Length)]);
    }

    /// <summary>
    /// A Mul of two layer outputs, one of them one value per channel (C, or C×1×… of the other's rank): the
    /// squeeze-and-excitation gate [Multiply("source")], the previous layer's output one input and the source the other.
    /// </summary>
    private void Gate(NodeProto node)
    {
        if (node.Input.Count != 2 || node.Input.Any(_graph.IsConstant))
            throw Pattern(node, "it is not part of GELU's erf form x · (1 + erf(x / √2)) · 0.5, of SiLU's x · Sigmoid(x), or a gate of two layer outputs");
        var refs = node.Input.Select(i => Read(i, Label(node))).ToArray();
        int current = _layers.Count - 1;
        int mainSide = refs[0].Layer == current ? 0 : 1;
        if (refs[mainSide].Layer != current) throw Pattern(node, "neither input is the output of the layer before it");
        var main = refs[mainSide];
        var source = refs[1 - mainSide];
        if (source.Layer < 0) throw Pattern(node, "a gate with the network's input is not supported (both factors must be layers)");
        static bool IsVector(int[] shape) => shape.Aggregate(1L, (a, n) => a * n) == shape[0];
        bool sourceIsGate = IsVector(source.Shape);
        var (gate, feature) = sourceIsGate ? (source, main) : (main, source);
        if (!IsVector(gate.Shape) || gate.Shape[0] != feature.Shape[0] || (gate.Shape.Length != feature.Shape.Length && feature.Shape.Length > 1))
            throw Pattern(node, $"it multiplies {string.Join("×", main.Shape)} by {string.Join("×", source.Shape)}; only a per-channel gate (C×1×… against C×…) is imported");
        // The library's layer outputs: an unsqueezed vector is read as the vector its layer writes.
        int[] output = _layers[feature.Layer].OutputShape;
        Add(node, new ImportedLayer { Kind = ImportedKind.Multiply, Origin = Label(node), GraphName = NodeName(node), OutputShape = output, Source = source.Layer });
    }

    /// <summary>
    /// The library picks a projection's stride per axis itself (the main path's stride where it fits, else the only one
    /// that fits): the ONNX stride must be that one, or the import would compute something else.
    /// </summary>
    private void CheckProjectionStride(NodeProto node, int source, int[] from, int[] to, int[] strides)
    {
        for (int axis = 0; axis < strides.Length; axis++)
        {
            int input = from[axis + 1], output = to[axis + 1];
            var fitting = Enumerable.Range(1, input).Where(s => (input - 1) / s + 1 == output).ToList();
            long path = 1;
            for (int layer = source + 1; layer < _layers.Count; layer++) path *= _layers[layer].Stride.Length > axis ? _layers[layer].Stride[axis] : 1;
            int chosen = fitting.Contains((int)Math.Min(path, int.MaxValue)) ? (int)path : fitting.Count == 1 ? fitting[0] : output == 1 ? strides[axis] : -1;
            if (chosen != strides[axis] && !(output == 1 && strides[axis] >= input))
                throw Pattern(node, $"its projection strides axis {axis + 1} by {strides[axis]}, where CnnCompiler would take {(chosen < 0 ? "none (ambiguous)" : chosen)}");
        }
    }
}
