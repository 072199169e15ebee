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
            var wiring = new Wiring(network);
            w.Line("/// <summary>Samples this workspace holds.</summary>");
            w.Line("public readonly int Capacity;");
            w.Line("/// <summary>Training mode: BatchNorm uses batch statistics and Dropout drops; otherwise running statistics and no dropout.</summary>");
            w.Line("public readonly bool Training;");
            w.Line("/// <summary>The network's state buffer (BatchNorm running statistics).</summary>");
            w.Line("public readonly float[] State;");
            w.Line("/// <summary>This worker's index among the workers of a training step, and what they share (null on one thread).</summary>");
            w.Line("public int Worker;");
            w.Line("public SyncGroup? Sync;");
            w.Line("/// <summary>The step's dropout seed and the batch index of this workspace's first sample, so masks do not depend on the split.</summary>");
            w.Line("public ulong StepSeed;");
            w.Line("public int SampleOffset;");
            w.Line("/// <summary>Per-layer forward then backward time sums while ProfileLayers runs; null otherwise.</summary>");
            w.Line("public long[]? Timings;");
            foreach (string extra in wiring.ExtraGradientFields(-1)) w.Line($"public readonly float[] {extra};");
            foreach (LayerPlan layer in network.Layers)
            {
                if (layer.IsView) continue;
                w.Line($"/// <summary>{layer.Name} output ({layer.Output} per sample) and the loss gradient with respect to it.</summary>");
                w.Line($"public readonly float[] {layer.Identifier}Output, {layer.Identifier}Gradient;");
                foreach (string extra in wiring.ExtraGradientFields(layer.Index)) w.Line($"public readonly float[] {extra};");
                foreach (ScratchBuffer scratch in LayerEmitters.For(layer).Scratch(layer))
                {
                    w.Line($"public readonly {scratch.ElementType}[] {scratch.Field};");
                }
            }
            w.Line("/// <summary>The loss's probabilities (softmax or sigmoid) of each sample.</summary>");
            w.Line("public readonly float[] Probabilities;");
            w.Line();
            using (w.Block("public Workspace(int capacity, bool training, float[] state)"))
            {
                w.Line("Capacity = capacity;");
                w.Line("Training = training;");
                w.Line("State = state;");
                foreach (string extra in wiring.ExtraGradientFields(-1)) w.Line($"{extra} = training ? new float[capacity * InputLength] : [];");
                foreach (LayerPlan layer in network.Layers)
                {
                    if (layer.IsView) continue;
                    string id = layer.Identifier;
                    w.Line($"{id}Output = new float[capacity * Layers.{id}.OutputLength];");
                    w.Line($"{id}Gradient = training ? new float[capacity * Layers.{id}.OutputLength] : [];");
                    foreach (string extra in wiring.ExtraGradientFields(layer.Index)) w.Line($"{extra} = training ? new float[capacity * Layers.{id}.OutputLength] : [];");
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
}
