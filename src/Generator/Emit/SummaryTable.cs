using System.Collections.Generic;
using System.Text;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>A Keras-style model summary: one row per layer with output shape, parameters and FLOPs, totals below.</summary>
internal static class SummaryTable
{
    public static string Build(NetworkPlan network)
    {
        var rows = new List<string[]> { new[] { "Layer (type)", "Output shape", "Param #", "FLOPs" } };
        rows.Add(new[] { "input", network.Input.ToString(), "0", "0" });
        foreach (LayerPlan layer in network.Layers)
        {
            rows.Add(new[] { $"{layer.Name} ({layer.Decl.AttributeName})", layer.Output.ToString(), Format.Grouped(layer.ParameterCount), Format.Grouped(layer.Flops) });
        }
        rows.Add(new[] { "loss (" + network.Loss + ")", Shape.Of((int)network.Output.Length).ToString(), "0", "0" });
        int[] widths = new int[4];
        foreach (string[] row in rows)
        {
            for (int c = 0; c < 4; c++) widths[c] = System.Math.Max(widths[c], row[c].Length);
        }
        int total = widths[0] + widths[1] + widths[2] + widths[3] + 9;
        var text = new StringBuilder();
        text.Append("Model: ").Append(network.Type.Name).Append('\n');
        for (int r = 0; r < rows.Count; r++)
        {
            string[] row = rows[r];
            text.Append(row[0].PadRight(widths[0])).Append("   ")
                .Append(row[1].PadRight(widths[1])).Append("   ")
                .Append(row[2].PadLeft(widths[2])).Append("   ")
                .Append(row[3].PadLeft(widths[3])).Append('\n');
            if (r == 0) text.Append(new string('-', total)).Append('\n');
        }
        text.Append(new string('=', total)).Append('\n');
        text.Append("Total params: ").Append(Format.Grouped(network.ParameterCount)).Append(" (").Append(Bytes(network.ParameterCount * 4L)).Append(")\n");
        text.Append("Forward FLOPs per sample: ").Append(Format.Grouped(network.Flops)).Append(" (").Append(Format.Flops(network.Flops)).Append(')');
        return text.ToString();
    }

    private static string Bytes(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " KiB";
}
