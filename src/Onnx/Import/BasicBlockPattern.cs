namespace CnnCompiler.OnnxFormat;

/// <summary>
/// Folds the seven layers of a ResNet basic block, as torchvision writes it and CnnCompiler's [BasicBlock] expands it,
/// back into one [BasicBlock]: conv 3×3 (stride s, padding 1, no bias) → BatchNorm → ReLU → conv 3×3 (stride 1) →
/// BatchNorm → add of the block's input (through a stride-s projection exactly when s ≠ 1 or the channels change) →
/// ReLU. BatchNorms must have PyTorch's defaults (ε 1e-5, momentum 0.1) and no later layer may read inside the block.
/// The block keeps the graph's name when its parts are named "name.conv1", "name.bn1", … (torchvision's state_dict).
/// </summary>
internal static class BasicBlockPattern
{
    public static List<ImportedLayer> Fold(List<ImportedLayer> layers)
    {
        var result = new List<ImportedLayer>(layers);
        for (int i = 1; i + 6 < result.Count; i++)
        {
            if (!Matches(result, i, out int stride)) continue;
            ImportedLayer conv1 = result[i], bn1 = result[i + 1], conv2 = result[i + 3], bn2 = result[i + 4], add = result[i + 5];
            string? name = BlockName(conv1, bn1, conv2, bn2);
            var tensors = new List<ImportedTensor>();
            tensors.AddRange(conv1.Tensors.Select(t => t with { Role = "conv1." + t.Role }));
            tensors.AddRange(bn1.Tensors.Select(t => t with { Role = "bn1." + t.Role }));
            tensors.AddRange(conv2.Tensors.Select(t => t with { Role = "conv2." + t.Role }));
            tensors.AddRange(bn2.Tensors.Select(t => t with { Role = "bn2." + t.Role }));
            tensors.AddRange(add.Tensors.Select(t => t with { Role = t.Role.Replace("projection.", "downsample.", StringComparison.Ordinal) }));
            var block = new ImportedLayer
            {
                Kind = ImportedKind.BasicBlock, Origin = conv1.Origin, GraphName = name, Rank = conv1.Rank, Units = conv1.Units,
                BlockStride = stride, OutputShape = result[i + 6].OutputShape, Tensors = tensors,
            };
            result.RemoveRange(i, 7);
            result.Insert(i, block);
            // Later adds' sources move with the removed layers (the block's output is its last part's).
            for (int j = i + 1; j < result.Count; j++)
            {
                ImportedLayer later = result[j];
                if (later.Kind is not (ImportedKind.Add or ImportedKind.Multiply) || later.Source < i) continue;
                result[j] = Moved(later, later.Source == i + 6 ? i : later.Source - 6);
            }
        }
        return result;
    }

    private static bool Matches(List<ImportedLayer> layers, int i, out int stride)
    {
        stride = 0;
        ImportedLayer conv1 = layers[i], bn1 = layers[i + 1], relu1 = layers[i + 2], conv2 = layers[i + 3], bn2 = layers[i + 4], add = layers[i + 5], relu2 = layers[i + 6];
        if (!IsBlockConv(conv1) || conv1.Stride.Distinct().Count() != 1) return false;
        int s = conv1.Stride[0];
        stride = s;
        int filters = conv1.Units;
        int inputChannels = layers[i - 1].Channels;
        bool projects = s != 1 || inputChannels != filters;
        bool fits = IsDefaultNorm(bn1) && IsReLU(relu1) && IsBlockConv(conv2) && conv2.Units == filters && conv2.Stride.All(c => c == 1)
            && IsDefaultNorm(bn2) && add.Kind == ImportedKind.Add && add.Source == i - 1 && add.Projection == projects
            && (!projects || add.ProjectionStride.All(p => p == s)) && IsReLU(relu2);
        // Nothing after the block may read one of its inner layers.
        return fits && !layers.Skip(i + 7).Any(l => l.Kind is (ImportedKind.Add or ImportedKind.Multiply) && l.Source >= i && l.Source < i + 6);
    }

    private static bool IsBlockConv(ImportedLayer layer) =>
        layer.Kind == ImportedKind.Conv && layer.Kernel.All(k => k == 3) && !layer.SamePadding && layer.Pad.All(p => p == 1) && !layer.UseBias && layer.Activation == "None";

    private static bool IsDefaultNorm(ImportedLayer layer) =>
        layer.Kind == ImportedKind.BatchNorm && Math.Abs(layer.Epsilon - 1e-5f) <= 1e-9f && Math.Abs(layer.Momentum - 0.1f) <= 1e-6f;

    private static bool IsReLU(ImportedLayer layer) => layer.Kind == ImportedKind.Activation && layer.Activation == "ReLU";

    /// <summary>"layer1.0" when the parts are "layer1.0.conv1", "layer1.0.bn1", "layer1.0.conv2", "layer1.0.bn2".</summary>
    private static string? BlockName(ImportedLayer conv1, ImportedLayer bn1, ImportedLayer conv2, ImportedLayer bn2)
    {
        if (conv1.GraphName is not { } first || !first.EndsWith(".conv1", StringComparison.Ordinal)) return null;
        string prefix = first[..^".conv1".Length];
        return bn1.GraphName == prefix + ".bn1" && conv2.GraphName == prefix + ".conv2" && bn2.GraphName == prefix + ".bn2" ? prefix : null;
    }

    private static ImportedLayer Moved(ImportedLayer add, int source) => new()
    {
        Kind = add.Kind, Origin = add.Origin, GraphName = add.GraphName, OutputShape = add.OutputShape, Source = source,
        Projection = add.Projection, ProjectionStride = add.ProjectionStride, Tensors = add.Tensors,
    };
}
