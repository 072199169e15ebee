using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Model.Kernels;

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
        using (w.Block("private static class Kernels"))
        {
            for (int i = 0; i < order.Count; i++)
            {
                if (i > 0) w.Line();
                LayerPlan first = order[i];
                w.Line($"/// <summary>{NetworkEmitter.Xml(string.Join(", ", users[first.KernelName].Select(l => l.Name)))}: {NetworkEmitter.Xml(Describe(first.Kernel!))}.</summary>");
                EmitStruct(w, first.KernelName, first.Kernel!);
            }
        }
    }

    /// <summary>What the kernel does, for the struct's summary and the layers' headers.</summary>
    public static string Describe(KernelPlan kernel) => kernel switch
    {
        DenseKernel k => $"Y[n×{k.Units}] = X[n×{k.Inputs}] · W[{k.Units}×{k.Inputs}]ᵀ as dot products ({Dot(k.Forward)}); dW += dYᵀ · X ({Broadcast(k.WeightGradient)}), dX = dY · W ({Broadcast(k.InputGradient)})",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kernel), kernel, "a kernel plan without a description"),
    };

    private static string Dot(DotTile t) => $"tiles of {t.Rows} × {t.Columns}{(t.Wide ? ", 512-bit" : "")}";

    private static string Broadcast(BroadcastTile t) => $"tiles of {t.Rows} rows × {t.Vectors} vectors of 8{(t.Wide ? $", {t.Rows} × {t.WideVectors} of 16 with 512-bit vectors" : "")}";

    private static void EmitStruct(CodeWriter w, string name, KernelPlan kernel)
    {
        switch (kernel)
        {
            case DenseKernel k:
                using (w.Block($"public readonly struct {name} : IDenseShape"))
                {
                    w.Line($"public static int Inputs => {k.Inputs};");
                    w.Line($"public static int Units => {k.Units};");
                    w.Line($"public static Activation Activation => Activation.{k.Activation};");
                    Dot(w, "Forward", k.Forward);
                    Broadcast(w, "WeightGradient", k.WeightGradient);
                    Broadcast(w, "InputGradient", k.InputGradient);
                }
                return;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(kernel), kernel, "a kernel plan without a struct");
        }
    }

    private static void Dot(CodeWriter w, string pass, DotTile tile)
    {
        w.Line($"public static int {pass}RowTile => {tile.Rows};");
        w.Line($"public static int {pass}ColumnTile => {tile.Columns};");
        w.Line($"public static bool {pass}Wide => {Bool(tile.Wide)};");
    }

    private static void Broadcast(CodeWriter w, string pass, BroadcastTile tile)
    {
        w.Line($"public static int {pass}RowTile => {tile.Rows};");
        w.Line($"public static int {pass}VectorTile => {tile.Vectors};");
        w.Line($"public static int {pass}WideVectorTile => {tile.WideVectors};");
        w.Line($"public static bool {pass}Wide => {Bool(tile.Wide)};");
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
