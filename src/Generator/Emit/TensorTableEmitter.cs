using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The network's table of named tensors, with PyTorch's state_dict names and shapes, so that serialization and
/// inspection work on any network without knowing its layers.
/// </summary>
internal static class TensorTableEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var chunks = new LayerChunks(network);
        w.Line("/// <summary>Every named tensor (parameters, then state per layer) with PyTorch's state_dict name and shape.</summary>");
        w.Line("public static IReadOnlyList<TensorInfo> Tensors { get; } =");
        if (chunks.IsSplit)
        {
            LayerRange[] ranges = chunks.Ranges.Where(range => chunks.LayersOf(range).Any(layer => TensorsOf(layer).Any())).ToArray();
            InspectionEmitter.EmitChunkedTable(w, ranges, "TensorsOf");
            foreach (LayerRange range in ranges)
            {
                w.Line();
                w.Line($"/// <summary>The <see cref=\"Tensors\"/> of layers {range.First} to {range.Last}.</summary>");
                w.Line($"private static TensorInfo[] TensorsOf{range.Suffix}() => new TensorInfo[]");
                w.Line("{");
                EmitRows(w, chunks.LayersOf(range));
                w.Line("};");
            }
        }
        else
        {
            w.Line("new TensorInfo[]");
            w.Line("{");
            EmitRows(w, network.Layers);
            w.Line("};");
        }
    }

    private static void EmitRows(CodeWriter w, IEnumerable<LayerPlan> layers)
    {
        foreach (LayerPlan layer in layers)
        {
            foreach (var (role, store, offset, shape) in TensorsOf(layer))
            {
                string dims = shape.Length == 0 ? "Array.Empty<int>()" : $"new[] {{ {string.Join(", ", shape)} }}";
                w.Line($"    new(\"{layer.Name}.{role}\", \"{layer.Name}\", TensorStore.{store}, {offset}, {dims}),");
            }
        }
    }

    /// <summary>The tensors of one layer in state_dict order: weight, bias, then running statistics.</summary>
    public static IEnumerable<(string Role, string Store, int Offset, int[] Shape)> TensorsOf(LayerPlan layer)
    {
        if (layer.WeightCount > 0) yield return ("weight", "Parameters", layer.WeightOffset, WeightShape(layer));
        if (layer.BiasCount > 0) yield return ("bias", "Parameters", layer.BiasOffset, [layer.BiasCount]);
        if (layer.StateCount > 0)
        {
            int channels = layer.Output.Channels;
            yield return ("running_mean", "State", layer.StateOffset, [channels]);
            yield return ("running_var", "State", layer.StateOffset + channels, [channels]);
            yield return ("num_batches_tracked", "State", layer.StateOffset + 2 * channels, []);
        }
    }

    private static int[] WeightShape(LayerPlan layer) => layer.Kind switch
    {
        LayerKind.Conv => [layer.Output.Channels, layer.Input.Channels, .. layer.Decl.Kernel],
        LayerKind.Dense => [layer.Output.Channels, (int)layer.Input.Length],
        _ => [layer.WeightCount],
    };
}
