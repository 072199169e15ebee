namespace CnnCompiler.Generator.Emit;

/// <summary>
/// Every runtime and framework name the generated code uses, in one place. The user's class names them only
/// <c>global::</c>-qualified, so that no type, namespace or member the user declares can capture them; the layers and
/// passes live in <see cref="SupportNamespace"/>, a namespace of the generator's own whose <c>using global::…</c>
/// directives are found before any enclosing namespace, so they use short names there.
/// </summary>
internal static class RuntimeNames
{
    /// <summary>The namespace of every generated file's file-local types (one set per file, so they never meet).</summary>
    public const string SupportNamespace = "CnnCompiler.Generated";

    /// <summary>The file-local struct that defines the network for the runtime.</summary>
    public const string Definition = "Definition";

    /// <summary>The definition as the user's class names it.</summary>
    public const string DefinitionReference = "global::" + SupportNamespace + "." + Definition;

    /// <summary>The one field the generated part adds to the user's class: the runtime network it forwards to.</summary>
    public const string NetworkField = "_compiledNetwork";

    /// <summary>The using directives of <see cref="SupportNamespace"/>, each anchored at <c>global::</c>.</summary>
    public static readonly string[] SupportUsings =
    [
        "global::System",
        "global::System.Collections.Generic",
        "global::System.Numerics.Tensors",
        "global::System.Runtime.CompilerServices",
        "global::System.Runtime.InteropServices",
        "global::System.Runtime.Intrinsics",
        "global::CnnCompiler",
        "global::CnnCompiler.CompilerServices",
    ];

    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string Span = "global::System.Span";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string GeneratedCodeAttribute = "global::System.CodeDom.Compiler.GeneratedCode";
    public const string CompiledNetwork = "global::CnnCompiler.CompilerServices.CompiledNetwork";
    public const string Network = "global::CnnCompiler.CompilerServices.Network";
    public const string LayerInfo = "global::CnnCompiler.LayerInfo";
    public const string TensorInfo = "global::CnnCompiler.TensorInfo";
    public const string OutputFunction = "global::CnnCompiler.OutputFunction";
    public const string LayerTiming = "global::CnnCompiler.LayerTiming";
    public const string SeededRandom = "global::CnnCompiler.SeededRandom";
    public const string Optimizer = "global::CnnCompiler.IOptimizer";
    public const string Classifier = "global::CnnCompiler.IClassifier";
    public const string Regressor = "global::CnnCompiler.IRegressor";
    public const string NetworkInterface = "global::CnnCompiler.INetwork";
}
