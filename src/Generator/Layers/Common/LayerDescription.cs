using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>One-line descriptions of layers for generated comments and summaries.</summary>
internal static class LayerDescription
{
    /// <summary>"6 filters 5×5, stride 1, padding 2 (same), ReLU": the layer's settings (its kind's unit says which) and its fused activation.</summary>
    public static string Settings(LayerPlan layer)
    {
        string settings = LayerKinds.Declaration(layer.Decl).Settings(layer);
        // A stand-alone activation layer's kind already names it ("tanh1 · Tanh"); a fused one is listed after the settings.
        LayerDecl d = layer.Decl;
        if (d.Activation == ActivationKind.None || d.Kind == LayerKind.Activation) return settings;
        return settings.Length == 0 ? d.Activation.ToString() : settings + ", " + d.Activation;
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
