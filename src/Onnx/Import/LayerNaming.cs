using System.Text;

namespace CnnCompiler.OnnxFormat;

/// <summary>
/// Names the imported layers by the library's rules: the graph's name where it has a valid one (letters, digits, '_'
/// and '.', not starting with a digit), else the name the generator would give (the kind's stem and its count among
/// layers of that stem: conv1, bn2, relu3, …), every name unique. <see cref="ImportedLayer.Name"/> is set; the result
/// says which names differ from the generated ones and so must be written as Name = "…".
/// </summary>
internal static class LayerNaming
{
    public static bool[] Assign(IReadOnlyList<ImportedLayer> layers)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var generated = new string[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            string prefix = layers[i].Prefix;
            counts[prefix] = counts.TryGetValue(prefix, out int count) ? count + 1 : 1;
            generated[i] = prefix + counts[prefix];
        }
        var taken = new HashSet<string>(StringComparer.Ordinal) { "loss" };
        var kept = new string?[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            if (Valid(layers[i].GraphName) is { } name && taken.Add(name)) kept[i] = name;
        }
        var written = new bool[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            string name = kept[i] ?? Unique(generated[i], taken);
            layers[i].Name = name;
            written[i] = name != generated[i];
        }
        return written;
    }

    private static string Unique(string stem, HashSet<string> taken)
    {
        string name = stem;
        for (int n = 2; !taken.Add(name); n++) name = $"{stem}_{n}";
        return name;
    }

    /// <summary>The graph's name made valid (other characters become '_', a leading digit gets one before it), or null.</summary>
    private static string? Valid(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        var builder = new StringBuilder(name.Length + 1);
        if (char.IsDigit(name[0])) builder.Append('_');
        foreach (char c in name) builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        string valid = builder.ToString().Trim('.');
        return valid.Length == 0 ? null : valid;
    }
}
