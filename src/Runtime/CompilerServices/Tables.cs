using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace CnnCompiler.CompilerServices;

/// <summary>Helpers for the static tables of generated networks.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Tables
{
    /// <summary>
    /// The rows of a table built in chunks (one generated method per chunk of layers, so that no method grows with the
    /// network's depth), in order.
    /// </summary>
    public static T[] Join<T>(params T[][] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        int length = 0;
        foreach (T[] part in parts) length += part.Length;
        var rows = new T[length];
        int offset = 0;
        foreach (T[] part in parts)
        {
            part.CopyTo(rows, offset);
            offset += part.Length;
        }
        return rows;
    }

    /// <summary>
    /// The Keras-style summary of a generated network: one row per layer of <paramref name="layers"/> (name and kind,
    /// output shape, parameters, FLOPs) between the input and the loss, then the totals. The generator writes the same
    /// table into the network class's documentation.
    /// </summary>
    public static string Summary(string name, ReadOnlySpan<int> inputShape, IReadOnlyList<LayerInfo> layers, string loss, int outputLength, long parameterCount, long flops)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var rows = new List<string[]>(layers.Count + 3)
        {
            new[] { "Layer (type)", "Output shape", "Param #", "FLOPs" },
            new[] { "input", Shape(inputShape), "0", "0" },
        };
        foreach (LayerInfo layer in layers)
        {
            rows.Add([$"{layer.Name} ({layer.Kind})", Shape(layer.OutputShape), Grouped(layer.ParameterCount), Grouped(layer.Flops)]);
        }
        rows.Add(["loss (" + loss + ")", outputLength.ToString(CultureInfo.InvariantCulture), "0", "0"]);
        int[] widths = new int[4];
        foreach (string[] row in rows)
        {
            for (int c = 0; c < 4; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        }
        int total = widths[0] + widths[1] + widths[2] + widths[3] + 9;
        var text = new StringBuilder();
        text.Append("Model: ").Append(name).Append('\n');
        for (int r = 0; r < rows.Count; r++)
        {
            string[] row = rows[r];
            text.Append(row[0].PadRight(widths[0])).Append("   ")
                .Append(row[1].PadRight(widths[1])).Append("   ")
                .Append(row[2].PadLeft(widths[2])).Append("   ")
                .Append(row[3].PadLeft(widths[3])).Append('\n');
            if (r == 0) text.Append('-', total).Append('\n');
        }
        text.Append('=', total).Append('\n');
        text.Append("Total params: ").Append(Grouped(parameterCount)).Append(" (").Append(Bytes(parameterCount * 4L)).Append(")\n");
        text.Append("Forward FLOPs per sample: ").Append(Grouped(flops)).Append(" (").Append(Flops(flops)).Append(')');
        return text.ToString();
    }

    private static string Shape(ReadOnlySpan<int> dims)
    {
        var text = new StringBuilder();
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) text.Append('×');
            text.Append(dims[i].ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    private static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>FLOPs in the unit that reads best: 830 → "830 FLOP", 830,000 → "0.83 MFLOP" (as the generator's layer headers write them).</summary>
    private static string Flops(long flops) => flops switch
    {
        >= 1_000_000_000 => (flops / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GFLOP",
        >= 10_000 => (flops / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " MFLOP",
        _ => Grouped(flops) + " FLOP",
    };

    private static string Bytes(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("0.##", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.##", CultureInfo.InvariantCulture) + " KiB";

    /// <summary>A row of a generated tensor table: <paramref name="layer"/>'s parameter tensor <paramref name="role"/> (its state_dict name is "layer.role").</summary>
    public static TensorInfo Parameters(string layer, string role, int offset, params int[] shape) =>
        new(layer + "." + role, layer, TensorStore.Parameters, offset, shape);

    /// <summary>A row of a generated tensor table: <paramref name="layer"/>'s state tensor <paramref name="role"/> (BatchNorm running statistics).</summary>
    public static TensorInfo State(string layer, string role, int offset, params int[] shape) =>
        new(layer + "." + role, layer, TensorStore.State, offset, shape);
}
