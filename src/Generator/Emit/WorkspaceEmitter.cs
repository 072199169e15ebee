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
            // Arrays assigned in AllocateLayers… methods: not readonly (only a constructor may assign a readonly field),
            // and declared where nullable annotations are off, so that they need no "= null!" for the nullable analysis.
            string layerField = chunks.IsSplit ? "public" : "public readonly";
            foreach (string extra in wiring.ExtraGradientFields(-1)) w.Line($"public readonly float[] {extra};");
            w.Line("// Per layer: its output and the loss gradient with respect to it (capacity × the layer's OutputLength each), then its scratch.");
            if (chunks.IsSplit)
            {
                w.Line("// The layers' arrays below are assigned by the AllocateLayers… methods the constructor calls.");
                w.Line("#nullable disable");
            }
            foreach (LayerPlan layer in network.Layers)
            {
                if (layer.IsView) continue;
                w.Line($"{layerField} float[] {layer.Identifier}Output, {layer.Identifier}Gradient;");
                foreach (string extra in wiring.ExtraGradientFields(layer.Index)) w.Line($"{layerField} float[] {extra};");
                foreach (ScratchBuffer scratch in LayerKinds.For(layer).Scratch(layer))
                {
                    // A struct of arrays (ConvBuffers) is assigned whole, so it needs no initializer for the nullable analysis.
                    w.Line(scratch.Initializer is null
                        ? $"{layerField} {scratch.ElementType}[] {scratch.Field};"
                        : $"{layerField} {scratch.ElementType} {scratch.Field};");
                }
            }
            if (chunks.IsSplit) w.Line("#nullable enable");
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
            // The base class's OutputArray records the array in LayerOutputs; GradientArray is empty at inference.
            string gradient = $"GradientArray({Format.Int(layer.Output.Length)});";
            w.Line($"{id}Output = OutputArray({i}, {Format.Int(layer.Output.Length)});");
            w.Line($"{id}Gradient = {gradient}");
            foreach (string extra in wiring.ExtraGradientFields(layer.Index)) w.Line($"{extra} = {gradient}");
            foreach (ScratchBuffer scratch in LayerKinds.For(layer).Scratch(layer))
            {
                string length = scratch.PerSample ? $"capacity * {Format.Int(scratch.Length)}" : Format.Int(scratch.Length);
                w.Line($"{scratch.Field} = {scratch.Initializer ?? $"new {scratch.ElementType}[{length}]"};");
            }
        }
    }
}
