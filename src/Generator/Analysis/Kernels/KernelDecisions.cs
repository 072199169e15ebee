using System.Collections.Generic;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Model.Kernels;

namespace CnnCompiler.Generator.Analysis.Kernels;

/// <summary>
/// Decides how every layer runs and records it in the plan (<see cref="LayerPlan.Kernel"/>), then names the kernel
/// structs: layers with equal kernel plans share one (ResNet's repeated blocks), named by kind in order of first use.
/// </summary>
internal static class KernelDecisions
{
    public static List<LayerPlan> Decide(List<LayerPlan> plans)
    {
        var names = new Dictionary<KernelPlan, string>();
        var perKind = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int i = 0; i < plans.Count; i++)
        {
            KernelPlan? kernel = Kernel(plans[i]);
            if (kernel is null) continue;
            if (!names.TryGetValue(kernel, out string? name))
            {
                string prefix = KernelPrefix(kernel);
                perKind[prefix] = perKind.TryGetValue(prefix, out int count) ? count + 1 : 1;
                names[kernel] = name = prefix + perKind[prefix];
            }
            plans[i] = plans[i] with { Kernel = kernel, KernelName = name };
        }
        return plans;
    }

    private static KernelPlan? Kernel(LayerPlan layer) => layer.Kind switch
    {
        LayerKind.Dense => Dense(layer),
        _ => null,
    };

    private static string KernelPrefix(KernelPlan kernel) => kernel switch
    {
        DenseKernel => "DenseKernel",
        _ => "Kernel",
    };

    private static DenseKernel Dense(LayerPlan layer)
    {
        int inputs = (int)layer.Input.Length, units = (int)layer.Output.Length;
        return new DenseKernel(inputs, units, layer.Decl.Activation,
            Forward: GemmTiles.Dot(0, units, inputs),
            WeightGradient: GemmTiles.Broadcast(units, inputs, accumulate: true),
            InputGradient: GemmTiles.Broadcast(0, inputs, accumulate: false));
    }
}
