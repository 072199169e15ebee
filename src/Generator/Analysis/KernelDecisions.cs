using System.Collections.Generic;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>
/// Asks each layer's unit how it runs and records the answer in the plan (<see cref="LayerPlan.Kernel"/>), then names
/// the kernel structs: layers with equal kernel plans share one (ResNet's repeated blocks), numbered per name stem in
/// order of first use.
/// </summary>
internal static class KernelDecisions
{
    public static List<LayerPlan> Decide(List<LayerPlan> plans)
    {
        var names = new Dictionary<KernelPlan, string>();
        var perStem = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int i = 0; i < plans.Count; i++)
        {
            KernelPlan? kernel = LayerKinds.For(plans[i]).Decide(plans[i]);
            if (kernel is null) continue;
            if (!names.TryGetValue(kernel, out string? name))
            {
                perStem[kernel.NameStem] = perStem.TryGetValue(kernel.NameStem, out int count) ? count + 1 : 1;
                names[kernel] = name = kernel.NameStem + perStem[kernel.NameStem];
            }
            plans[i] = plans[i] with { Kernel = kernel, KernelName = name };
        }
        return plans;
    }
}
