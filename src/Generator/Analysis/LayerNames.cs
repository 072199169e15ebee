using System.Collections.Generic;
using System.Text;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>Stable names for layers (conv1, pool1, dense1, … counting per kind, as CONVENTIONS.md fixes) and their C# identifiers.</summary>
internal static class LayerNames
{
    public static string Prefix(LayerDecl layer) => layer.Kind switch
    {
        LayerKind.Conv => "conv",
        LayerKind.MaxPool or LayerKind.AvgPool => "pool",
        LayerKind.Dense => "dense",
        LayerKind.Flatten => "flatten",
        LayerKind.Activation => layer.Activation.ToString().ToLowerInvariant(),
        LayerKind.BatchNorm => "bn",
        LayerKind.Dropout => "dropout",
        LayerKind.GlobalAvgPool => "gap",
        LayerKind.GlobalMaxPool => "gmp",
        LayerKind.Add => "add",
        LayerKind.BasicBlock => "block",
        _ => "loss",
    };

    /// <summary>The user's name when given, else the kind prefix and its count among layers with that prefix.</summary>
    public static string[] Assign(EquatableArray<LayerDecl> layers)
    {
        var counts = new Dictionary<string, int>();
        var names = new string[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            string prefix = Prefix(layers[i]);
            counts[prefix] = counts.TryGetValue(prefix, out int count) ? count + 1 : 1;
            names[i] = layers[i].Name ?? (prefix == "loss" ? "loss" : prefix + counts[prefix]);
        }
        return names;
    }

    /// <summary>PascalCase identifier for a name: "conv1" → "Conv1", "block1.conv" → "Block1_Conv"; unique within <paramref name="taken"/>.</summary>
    public static string Identifier(string name, HashSet<string> taken)
    {
        var builder = new StringBuilder();
        bool upper = true;
        foreach (char c in name)
        {
            if (c == '.' || c == '_')
            {
                builder.Append('_');
                upper = true;
                continue;
            }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        string candidate = builder.ToString();
        string unique = candidate;
        for (int suffix = 2; !taken.Add(unique); suffix++) unique = candidate + "_" + suffix;
        return unique;
    }
}
