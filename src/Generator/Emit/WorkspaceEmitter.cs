using System.Collections.Generic;
using CnnCompiler.Generator.Emit.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The generated <c>Workspace</c>: every layer's output and output gradient for a batch of up to <c>Capacity</c>
/// samples, plus each layer's scratch arrays, allocated once so that Predict and TrainStep allocate nothing.
/// </summary>
internal static class WorkspaceEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        w.Line("/// <summary>Activations, gradients and scratch for up to <see cref=\"Capacity\"/> samples; one per caller at a time.</summary>");
        using (w.Block("private sealed class Workspace"))
        {
            w.Line("/// <summary>Samples this workspace holds.</summary>");
            w.Line("public readonly int Capacity;");
            foreach (LayerPlan layer in network.Layers)
            {
                if (layer.IsView) continue;
                w.Line($"/// <summary>{layer.Name} output ({layer.Output} per sample) and the loss gradient with respect to it.</summary>");
                w.Line($"public readonly float[] {layer.Identifier}Output, {layer.Identifier}Gradient;");
                foreach (ScratchBuffer scratch in LayerEmitters.For(layer).Scratch(layer))
                {
                    w.Line($"public readonly {scratch.ElementType}[] {scratch.Field};");
                }
            }
            w.Line("/// <summary>Softmax probabilities of each sample.</summary>");
            w.Line("public readonly float[] Probabilities;");
            w.Line();
            using (w.Block("public Workspace(int capacity, bool training)"))
            {
                w.Line("Capacity = capacity;");
                foreach (LayerPlan layer in network.Layers)
                {
                    if (layer.IsView) continue;
                    string id = layer.Identifier;
                    w.Line($"{id}Output = new float[capacity * Layers.{id}.OutputLength];");
                    w.Line($"{id}Gradient = training ? new float[capacity * Layers.{id}.OutputLength] : [];");
                    foreach (ScratchBuffer scratch in LayerEmitters.For(layer).Scratch(layer))
                    {
                        string length = scratch.PerSample ? $"capacity * {Format.Int(scratch.Length)}" : Format.Int(scratch.Length);
                        w.Line($"{scratch.Field} = new {scratch.ElementType}[{length}];");
                    }
                }
                w.Line("Probabilities = new float[capacity * OutputLength];");
            }
        }
    }

    /// <summary>The expression for the output of layer <paramref name="index"/> (−1 is the network input); views resolve to what they view.</summary>
    public static string OutputOf(NetworkPlan network, int index) =>
        index < 0 ? "input" : network.Layers[index].IsView ? OutputOf(network, index - 1) : $"workspace.{network.Layers[index].Identifier}Output";

    /// <summary>The expression for the loss gradient with respect to the output of layer <paramref name="index"/>.</summary>
    public static string GradientOf(NetworkPlan network, int index) =>
        index < 0 ? "inputGradient" : network.Layers[index].IsView ? GradientOf(network, index - 1) : $"workspace.{network.Layers[index].Identifier}Gradient";
}
