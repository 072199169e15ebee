using CnnCompiler.Generator.Layers;
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
            foreach (TensorSpec tensor in TensorsOf(layer))
            {
                (string role, string store, int offset, EquatableArray<int> shape) = (tensor.Role, tensor.Store, tensor.Offset, tensor.Shape);
                string dims = shape.Count == 0 ? "" : ", " + string.Join(", ", shape);
                w.Line($"    Tables.{store}(\"{layer.Name}\", \"{role}\", {offset}{dims}),");
            }
        }
    }

    /// <summary>The tensors of one layer in state_dict order, as its kind's unit lists them.</summary>
    public static IEnumerable<TensorSpec> TensorsOf(LayerPlan layer) => LayerKinds.Declaration(layer.Decl).Tensors(layer);
}
