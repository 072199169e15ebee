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

    /// <summary>
    /// The header comment of a layer's section in generated code: its name, kind and settings, its shapes, parameters
    /// and FLOPs, and <paramref name="runs"/> (the kernel struct it runs, whose summary says how; or how it runs when it
    /// has none), between two short rules.
    /// </summary>
    public static void EmitHeader(CodeWriter w, LayerPlan layer, string runs)
    {
        if (layer.ClassName != layer.Identifier) return; // a shared class: EmitSharedHeader describes it
        w.Line(Rule);
        string settings = Settings(layer);
        w.Line($"// {layer.Name} · {layer.Decl.AttributeName}" + (settings.Length > 0 ? " · " + settings : ""));
        w.Line($"// input {layer.Input} → output {layer.Output} · {Format.Grouped(layer.ParameterCount)} parameters · {Format.Flops(layer.Flops)} per sample");
        w.Line("// " + runs);
        w.Line(Rule);
    }

    /// <summary>
    /// The header of a class every layer running one kernel struct shares: the kind, the shapes and the layers it
    /// serves (each layer's parameters and FLOPs are in the summary table).
    /// </summary>
    public static void EmitSharedHeader(CodeWriter w, System.Collections.Generic.IReadOnlyList<LayerPlan> layers, string note)
    {
        LayerPlan first = layers[0];
        string settings = Settings(first);
        w.Line(Rule);
        w.Line($"// {first.Decl.AttributeName}" + (settings.Length > 0 ? " · " + settings : "") + $" · input {first.Input} → output {first.Output} · runs Kernels.{first.KernelName}{note}");
        w.Line($"// for {(layers.Count == 1 ? "the layer" : $"the {layers.Count} layers")} " + string.Join(", ", System.Linq.Enumerable.Select(layers, l => l.Name)));
        w.Line(Rule);
    }

    /// <summary>The header of a layer that runs a kernel struct: the struct's summary describes the strategy once for every layer that shares it.</summary>
    public static void EmitKernelHeader(CodeWriter w, LayerPlan layer, string note = "") =>
        EmitHeader(w, layer, $"runs Kernels.{layer.KernelName}{note}");

    private static readonly string Rule = "// " + new string('-', 8);

    /// <summary>
    /// Constants of a layer class: where a parameter layer's parameters are and, when its code uses them (a pooling
    /// layer's loops), its lengths (the header states its shapes). Their meaning, and the parameters of every layer's
    /// Forward and Backward, are stated once at the top of the Layers class.
    /// </summary>
    /// <returns>Whether it wrote any (the caller then leaves a blank line before the methods).</returns>
    public static bool EmitCommonConstants(CodeWriter w, LayerPlan layer, bool lengths = false)
    {
        if (lengths) w.Line($"public const int InputLength = {Format.Int(layer.Input.Length)}, OutputLength = {Format.Int(layer.Output.Length)};");
        if (layer.ParameterCount == 0) return lengths;
        w.Line($"public const int WeightOffset = {layer.WeightOffset}, WeightCount = {layer.WeightCount}, BiasOffset = {layer.BiasOffset}, BiasCount = {layer.BiasCount};");
        return true;
    }

    /// <summary>The signature of every layer's Forward (parameters, input, output, workspace, samples).</summary>
    public const string ForwardSignature = "public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n)";

    /// <summary>The parameters of every layer's Backward: parameters, input, output, output gradient, input gradient, parameter gradients, workspace, samples.</summary>
    public const string BackwardParameters = "ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n";

    /// <summary>The comment at the top of the generated Layers class that states what the short names mean.</summary>
    public static readonly string[] LayersComment =
    [
        "/// <summary>",
        "/// One class per layer, in network order: its constants (where its weights and bias are in the parameter buffer),",
        "/// then Forward(p, x, y, ws, n) and Backward(p, x, y, dy, dx, dp, ws, n), which",
        "/// call the runtime kernel of the struct the header names: p the parameters, x the input, y the output, dy and dx",
        "/// their gradients (dx empty: no layer before needs it), dp the parameter gradients (empty: the layer is frozen),",
        "/// ws the workspace, n the samples. ForwardReLU and BackwardReLU also apply the ReLU after the layer (training).",
        "/// </summary>",
    ];
}
