namespace CnnCompiler.OnnxFormat;

/// <summary>The library layer kinds an import produces, by their attribute's name.</summary>
internal enum ImportedKind
{
    Conv,
    MaxPool,
    AvgPool,
    GlobalAveragePool,
    GlobalMaxPool,
    Dense,
    Flatten,
    BatchNorm,
    Activation,
    Add,
    BasicBlock,
    Upsample,
    Multiply,
}

/// <summary>One named tensor of an imported layer: its role under the layer's name (weight, bn1.running_mean, projection.0.weight, …).</summary>
internal sealed record ImportedTensor(string Role, int[] Shape, float[] Values);

/// <summary>
/// One layer of the declaration an import writes: its kind and settings (what the attribute says), the name the ONNX
/// graph gives it, its output shape (channels first, no batch), and its weights by role.
/// </summary>
internal sealed class ImportedLayer
{
    public required ImportedKind Kind { get; init; }

    /// <summary>The ONNX node the layer starts at, for messages.</summary>
    public required string Origin { get; init; }

    /// <summary>The name kept from the graph (a weight's state_dict prefix or a node's name), or null.</summary>
    public string? GraphName { get; set; }

    /// <summary>The name the declaration gives the layer (assigned after the whole graph is read).</summary>
    public string Name { get; set; } = "";

    public required int[] OutputShape { get; init; }

    /// <summary>Spatial axes of a convolution or pool (the attribute's 1D/2D/3D).</summary>
    public int Rank { get; init; }

    public int Units { get; init; }

    public int[] Kernel { get; init; } = [];

    public int[] Stride { get; init; } = [];

    /// <summary>Padding per spatial axis, the same before and after (or <see cref="SamePadding"/>).</summary>
    public int[] Pad { get; init; } = [];

    /// <summary>Padding = Padding.Same: the odd extra row at the end, as the library's (and TensorFlow's) "same".</summary>
    public bool SamePadding { get; init; }

    public bool UseBias { get; init; }

    /// <summary>The activation (fused into a convolution or dense layer, or the layer itself): the Activation enum's name.</summary>
    public string Activation { get; set; } = "None";

    /// <summary>LeakyReLU's slope or ELU's α of a stand-alone activation.</summary>
    public float Alpha { get; init; }

    public bool CountIncludePad { get; init; } = true;

    /// <summary>Upsampling: linear (else nearest) interpolation; its integer scales are <see cref="Kernel"/>.</summary>
    public bool Linear { get; init; }

    public float Epsilon { get; init; } = 1e-5f;

    public float Momentum { get; init; } = 0.1f;

    /// <summary>An add's second input: the index of an earlier layer.</summary>
    public int Source { get; init; } = -1;

    /// <summary>An add whose source passes a strided 1×1 convolution and BatchNorm first.</summary>
    public bool Projection { get; init; }

    /// <summary>A projection's stride per spatial axis.</summary>
    public int[] ProjectionStride { get; init; } = [];

    /// <summary>A basic block's stride.</summary>
    public int BlockStride { get; init; } = 1;

    public List<ImportedTensor> Tensors { get; init; } = [];

    /// <summary>The stem of the library's generated names for this kind (conv, pool, dense, bn, relu, add, block, …).</summary>
    public string Prefix => Kind switch
    {
        ImportedKind.Conv => "conv",
        ImportedKind.MaxPool or ImportedKind.AvgPool => "pool",
        ImportedKind.GlobalAveragePool => "gap",
        ImportedKind.GlobalMaxPool => "gmp",
        ImportedKind.Dense => "dense",
        ImportedKind.Flatten => "flatten",
        ImportedKind.BatchNorm => "bn",
        ImportedKind.Activation => Activation.ToLowerInvariant(),
        ImportedKind.Add => "add",
        ImportedKind.BasicBlock => "block",
        ImportedKind.Upsample => "up",
        ImportedKind.Multiply => "mul",
        _ => throw new InvalidOperationException(Kind.ToString()),
    };

    public int Channels => OutputShape[0];
}
