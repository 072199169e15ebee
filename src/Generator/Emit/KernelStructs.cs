using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Layers;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The kernel structs: one per distinct <see cref="KernelPlan"/>, holding every constant of the runtime kernel as the
/// plan decided it. Layers with equal plans share one (ResNet's repeated blocks emit one kernel for all of them).
/// </summary>
internal static class KernelStructs
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var users = new Dictionary<string, List<LayerPlan>>(System.StringComparer.Ordinal);
        var order = new List<LayerPlan>();
        foreach (LayerPlan layer in network.Layers)
        {
            if (layer.Kernel is null) continue;
            if (!users.TryGetValue(layer.KernelName, out List<LayerPlan>? list))
            {
                users[layer.KernelName] = list = [];
                order.Add(layer);
            }
            list.Add(layer);
        }
        w.Line("/// <summary>The kernels' constants, one struct per distinct kernel: the runtime kernels are specialized for each by the JIT.</summary>");
        using (w.Block("file static class Kernels"))
        {
            for (int i = 0; i < order.Count; i++)
            {
                if (i > 0) w.Line();
                LayerPlan first = order[i];
                w.Line($"/// <summary>{NetworkEmitter.Xml(string.Join(", ", users[first.KernelName].Select(l => l.Name)))}: {NetworkEmitter.Xml(first.Kernel!.Describe())}.</summary>");
                first.Kernel!.EmitStruct(w, first.KernelName);
            }
        }
    }
}
