using System.Collections.Generic;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The generated <c>Workspace</c>: every layer's output and output gradient for a batch of up to <c>Capacity</c>
/// samples, plus each layer's scratch arrays, allocated once so that Predict and TrainStep allocate nothing. A network
/// of more than one <see cref="LayerChunks">chunk</see> allocates each chunk's arrays in a method of its own
/// (<c>AllocateLayers0To15</c>, …), which the constructor calls; those arrays are then plain fields rather than
/// readonly ones, since only a constructor may assign a readonly field.
/// </summary>
internal static class WorkspaceEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var chunks = new LayerChunks(network);
        w.Line("/// <summary>Activations, gradients and scratch for up to <see cref=\"Capacity\"/> samples; one per caller at a time.</summary>");
        using (w.Block("file sealed class Workspace : global::CnnCompiler.CompilerServices.Workspace"))
        {
            var wiring = new Wiring(network);
            // Arrays assigned in AllocateLayers… methods: not readonly, and "= null!" for the nullable analysis (an
            // optimized build emits no code for an initializer to the default value).
            string layerField = chunks.IsSplit ? "public" : "public readonly";
            string unassigned = chunks.IsSplit ? " = null!" : "";
            foreach (string extra in wiring.ExtraGradientFields(-1)) w.Line($"public readonly float[] {extra};");
            if (chunks.IsSplit) w.Line("// The layers' arrays below are assigned by the AllocateLayers… methods the constructor calls.");
            foreach (LayerPlan layer in network.Layers)
            {
                if (layer.IsView) continue;
                w.Line($"/// <summary>{layer.Name} output ({layer.Output} per sample) and the loss gradient with respect to it.</summary>");
                w.Line($"{layerField} float[] {layer.Identifier}Output{unassigned}, {layer.Identifier}Gradient{unassigned};");
                foreach (string extra in wiring.ExtraGradientFields(layer.Index)) w.Line($"{layerField} float[] {extra}{unassigned};");
                foreach (ScratchBuffer scratch in LayerKinds.For(layer).Scratch(layer))
                {
                    w.Line($"{layerField} {scratch.ElementType}[] {scratch.Field}{unassigned};");
                }
            }
            w.Line();
            using (w.Block($"public Workspace(int capacity, bool training, float[] state) : base(capacity, training, state, {network.Layers.Count}, {Format.Int(network.Output.Length)})"))
            {
                foreach (string extra in wiring.ExtraGradientFields(-1)) w.Line($"{extra} = training ? new float[capacity * {Format.Int(network.Input.Length)}] : Array.Empty<float>();");
                if (chunks.IsSplit)
                {
                    w.Line(LayerChunks.Comment);
                    foreach (LayerRange range in chunks.Ranges) w.Line($"Allocate{range.Suffix}(capacity, training);");
                }
                else
                {
                    EmitAllocations(w, network, wiring, chunks.Ranges[0]);
                }
                string last = network.Layers[network.Layers.Count - 1].Identifier;
                w.Line($"Logits = {last}Output;");
                w.Line($"LogitGradients = {last}Gradient;");
            }
            if (chunks.IsSplit)
            {
                foreach (LayerRange range in chunks.Ranges)
                {
                    w.Line();
                    w.Line($"/// <summary>The arrays of layers {range.First} to {range.Last}: {NetworkEmitter.Xml(chunks.Names(range))}.</summary>");
                    using (w.Block($"private void Allocate{range.Suffix}(int capacity, bool training)"))
                    {
                        EmitAllocations(w, network, wiring, range);
                    }
                }
            }
        }
    }

    /// <summary>The arrays of the layers of <paramref name="range"/>, and their entries in <c>LayerOutputs</c>.</summary>
    private static void EmitAllocations(CodeWriter w, NetworkPlan network, Wiring wiring, LayerRange range)
    {
        for (int i = range.First; i <= range.Last; i++)
        {
            LayerPlan layer = network.Layers[i];
            string id = layer.Identifier;
            if (layer.IsView)
            {
                int producer = wiring.Producer(i);
                if (producer >= 0) w.Line($"LayerOutputs[{i}] = {network.Layers[producer].Identifier}Output; // {layer.Name} is a view");
                else w.Line($"// LayerOutputs[{i}]: {layer.Name} is a view of the network input.");
                continue;
            }
            w.Line($"{id}Output = new float[capacity * Layers.{id}.OutputLength];");
            w.Line($"LayerOutputs[{i}] = {id}Output;");
            w.Line($"{id}Gradient = training ? new float[capacity * Layers.{id}.OutputLength] : Array.Empty<float>();");
            foreach (string extra in wiring.ExtraGradientFields(layer.Index)) w.Line($"{extra} = training ? new float[capacity * Layers.{id}.OutputLength] : Array.Empty<float>();");
            foreach (ScratchBuffer scratch in LayerKinds.For(layer).Scratch(layer))
            {
                string length = scratch.PerSample ? $"capacity * {Format.Int(scratch.Length)}" : Format.Int(scratch.Length);
                w.Line($"{scratch.Field} = new {scratch.ElementType}[{length}];");
            }
        }
    }
}
