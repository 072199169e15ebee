using System.Collections.Generic;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Analysis;

/// <summary>
/// Asks each layer's unit how it runs and records the answer in the plan (<see cref="LayerPlan.Kernel"/>), then names
/// the kernel structs: layers with equal kernel plans share one (ResNet's repeated blocks), numbered per name stem in
/// order of first use. A layer whose class would hold nothing of its own (<see cref="ILayerKernel.SharesClass"/>) is
/// called through one class per kernel struct (<c>{KernelName}Layers</c>); every other layer through its own.
/// </summary>
internal static class KernelDecisions
{
    public static List<LayerPlan> Decide(List<LayerPlan> plans)
    {
        var names = new Dictionary<KernelPlan, string>();
        var perStem = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int i = 0; i < plans.Count; i++)
        {
            ILayerKernel unit = LayerKinds.For(plans[i]);
            KernelPlan? kernel = unit.Decide(plans[i]);
            if (kernel is null)
            {
                plans[i] = plans[i] with { ClassName = plans[i].Identifier };
                continue;
            }
            if (!names.TryGetValue(kernel, out string? name))
            {
                perStem[kernel.NameStem] = perStem.TryGetValue(kernel.NameStem, out int count) ? count + 1 : 1;
                names[kernel] = name = kernel.NameStem + perStem[kernel.NameStem];
            }
            plans[i] = plans[i] with { Kernel = kernel, KernelName = name };
            plans[i] = plans[i] with { ClassName = unit.SharesClass(plans[i]) ? SharedClassName(name) : plans[i].Identifier };
        }
        return plans;
    }

    /// <summary>The class every layer running the kernel struct <paramref name="kernelName"/> shares (no layer's own class can take the name: <see cref="LayerNames.Identifier"/>).</summary>
    public static string SharedClassName(string kernelName) => kernelName + SharedClassSuffix;

    public const string SharedClassSuffix = "Layers";
}
