using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Analysis;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>One-line descriptions of layers for generated comments and summaries.</summary>
internal static class LayerDescription
{
    /// <summary>"6 filters 5×5, stride 1, padding 2 (same), ReLU": the layer's settings without its shapes.</summary>
    public static string Settings(LayerPlan layer)
    {
        LayerDecl d = layer.Decl;
        var parts = new List<string>();
        switch (d.Kind)
        {
            case LayerKind.Conv:
                parts.Add($"{d.Units} filters {WindowGeometry.Join(d.Kernel)}");
                parts.Add("stride " + WindowGeometry.JoinUniform(layer.Stride));
                parts.Add("padding " + WindowGeometry.JoinPadding(layer.PadBegin, layer.PadEnd) + (d.Padding == PaddingMode.Same ? " (same)" : ""));
                if (!d.UseBias) parts.Add("no bias");
                break;
            case LayerKind.MaxPool:
            case LayerKind.AvgPool:
                parts.Add($"window {WindowGeometry.Join(d.Kernel)}");
                parts.Add("stride " + WindowGeometry.JoinUniform(layer.Stride));
                if (d.Padding == PaddingMode.Explicit) parts.Add("padding " + WindowGeometry.JoinPadding(layer.PadBegin, layer.PadEnd));
                if (PoolLayer.ExcludesPadding(layer)) parts.Add("padding not counted");
                break;
            case LayerKind.Dense:
                parts.Add($"{d.Units} units");
                if (!d.UseBias) parts.Add("no bias");
                break;
        }
        // A stand-alone activation layer's kind already names it ("tanh1 · Tanh"); a fused one is listed after the settings.
        if (d.Activation != ActivationKind.None && d.Kind != LayerKind.Activation) parts.Add(d.Activation.ToString());
        return string.Join(", ", parts);
    }

    /// <summary>The header comment of a layer's section in generated code.</summary>
    public static void EmitHeader(CodeWriter w, LayerPlan layer, string strategy)
    {
        string rule = "// " + new string('-', 110);
        w.Line(rule);
        string settings = Settings(layer);
        w.Line($"// {layer.Name} · {layer.Decl.AttributeName}" + (settings.Length > 0 ? " · " + settings : ""));
        w.Line($"// input {layer.Input} → output {layer.Output} · {Format.Grouped(layer.ParameterCount)} parameters · {Format.Flops(layer.Flops)} per sample");
        w.Line("// " + strategy);
        w.Line(rule);
    }

    /// <summary>Constants every layer class has: its lengths and, for parameter layers, where its parameters are.</summary>
    public static void EmitCommonConstants(CodeWriter w, LayerPlan layer)
    {
        w.Line($"/// <summary>Floats in one input sample ({layer.Input}).</summary>");
        w.Line($"public const int InputLength = {Format.Int(layer.Input.Length)};");
        w.Line($"/// <summary>Floats in one output sample ({layer.Output}).</summary>");
        w.Line($"public const int OutputLength = {Format.Int(layer.Output.Length)};");
        if (layer.ParameterCount == 0) return;
        w.Line($"public const int WeightOffset = {layer.WeightOffset}, WeightCount = {layer.WeightCount};");
        w.Line($"public const int BiasOffset = {layer.BiasOffset}, BiasCount = {layer.BiasCount};");
    }
}
