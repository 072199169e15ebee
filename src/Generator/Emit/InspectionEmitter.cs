using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>The layer table: what summaries, freezing, feature maps and profiling find layers by.</summary>
internal static class InspectionEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var chunks = new LayerChunks(network);
        w.Line("/// <summary>Every layer in execution order, with its output shape, parameters and FLOPs.</summary>");
        w.Line("public static IReadOnlyList<LayerInfo> LayerList { get; } =");
        if (chunks.IsSplit)
        {
            EmitChunkedTable(w, chunks.Ranges, "LayerListOf");
        }
        else
        {
            w.Line("new LayerInfo[]");
            w.Line("{");
            EmitRows(w, network.Layers);
            w.Line("};");
        }
        if (chunks.IsSplit)
        {
            foreach (LayerRange range in chunks.Ranges)
            {
                w.Line();
                w.Line($"/// <summary>The <see cref=\"LayerList\"/> entries of layers {range.First} to {range.Last}.</summary>");
                w.Line($"private static LayerInfo[] LayerListOf{range.Suffix}() => new LayerInfo[]");
                w.Line("{");
                EmitRows(w, chunks.LayersOf(range));
                w.Line("};");
            }
        }
    }

    /// <summary>
    /// The initializer of a static table whose rows come from one method per chunk (<paramref name="method"/> and the
    /// chunk's suffix), so that the static constructor stays the same size for any depth.
    /// </summary>
    public static void EmitChunkedTable(CodeWriter w, IEnumerable<LayerRange> ranges, string method)
    {
        w.Line("    " + LayerChunks.TableComment);
        w.Line("    Tables.Join(" + string.Join(", ", System.Linq.Enumerable.Select(ranges, range => $"{method}{range.Suffix}()")) + ");");
    }

    private static void EmitRows(CodeWriter w, IEnumerable<LayerPlan> layers)
    {
        foreach (LayerPlan layer in layers)
        {
            string row = $"new(\"{layer.Name}\", \"{layer.Decl.AttributeName}\", new[] {{ {string.Join(", ", layer.Output.Dims)} }}, {layer.ParameterCount}, {layer.Flops})";
            w.Line($"    {row} {{ Inputs = new[] {{ {string.Join(", ", Inputs(layer))} }}{Settings(layer)} }},");
        }
    }

    /// <summary>The layers a plan reads (−1: the network input): its input, and an add's second input.</summary>
    private static IEnumerable<int> Inputs(LayerPlan layer)
    {
        yield return layer.InputFrom;
        if (layer.SkipFrom >= 0) yield return layer.SkipFrom;
    }

    /// <summary>", Settings = new() { [\"kernel\"] = …, … }" as the kind's unit states them (the attribute's unit: a flatten that ends a network runs as a copy, but is still a flatten).</summary>
    private static string Settings(LayerPlan layer)
    {
        ILayerDeclaration unit = LayerKinds.Declaring(layer.Decl.AttributeName) ?? LayerKinds.Declaration(layer.Decl);
        string[] settings = unit.Structure(layer).Select(setting => $"[\"{setting.Name}\"] = {setting.Literal}").ToArray();
        return settings.Length == 0 ? "" : ", Settings = new() { " + string.Join(", ", settings) + " }";
    }
}
