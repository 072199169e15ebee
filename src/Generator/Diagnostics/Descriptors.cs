using Microsoft.CodeAnalysis;

namespace CnnCompiler.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports: one table, IDs CNN0001 onward, each documented in docs/diagnostics.md.</summary>
internal static class Descriptors
{
    private const string Declaration = "CnnCompiler.Declaration";
    private const string Shape = "CnnCompiler.Shape";
    private const string Limits = "CnnCompiler.Limits";
    private const string HelpRoot = "https://github.com/cnncompiler/cnncompiler/blob/main/docs/diagnostics.md#";

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + id.ToLowerInvariant());

    private const string Performance = "CnnCompiler.Performance";

    private static DiagnosticDescriptor Info(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpRoot + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpRoot + id.ToLowerInvariant());

    public static readonly DiagnosticDescriptor ClassNotPartial = Error(
        "CNN0001", "Network class must be partial",
        "Network class '{0}' must be declared 'partial' so that the generator can add its forward and backward code", Declaration);

    public static readonly DiagnosticDescriptor UnsupportedClass = Error(
        "CNN0002", "Network class cannot be extended",
        "Network class '{0}' {1}; declare the network on a non-generic partial class at namespace level", Declaration);

    public static readonly DiagnosticDescriptor InvalidInputShape = Error(
        "CNN0003", "Invalid input shape",
        "[Network] input shape {0} is invalid: {1}", Shape);

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "CNN0004", "Network has no layers",
        "Network '{0}' declares no layers; add layer attributes such as [Conv2D], [Dense] and a loss such as [SoftmaxCrossEntropy] after [Network]", Declaration);

    public static readonly DiagnosticDescriptor NonPositiveArgument = Error(
        "CNN0005", "Layer argument must be positive",
        "{0}: {1} is {2}; it must be at least 1", Declaration);

    public static readonly DiagnosticDescriptor NonConstantArgument = Error(
        "CNN0006", "Layer argument is not a valid constant",
        "{0}: argument '{1}' must be {2}", Declaration);

    public static readonly DiagnosticDescriptor KernelLargerThanInput = Error(
        "CNN0007", "Kernel or window larger than its padded input",
        "{0}: input {1} with {2} {3}, stride {4}, padding {5} gives an output of {6}; the {2} is larger than its padded input", Shape);

    public static readonly DiagnosticDescriptor StrideDropsInput = Warning(
        "CNN0008", "Stride leaves input unused",
        "{0}: input {1} with {2} {3} and stride {4} never reads the last {5} of the input; adjust the stride, kernel or padding if this is not intended", Shape);

    public static readonly DiagnosticDescriptor PaddingTooLarge = Error(
        "CNN0009", "Padding larger than the kernel allows",
        "{0}: padding {1} is too large for {2} {3}; {4}", Shape);

    public static readonly DiagnosticDescriptor MissingLoss = Error(
        "CNN0010", "Network has no loss",
        "Network '{0}' ends with {1} but has no loss; add a loss such as [SoftmaxCrossEntropy] as the last layer", Declaration);

    public static readonly DiagnosticDescriptor LayerAfterLoss = Error(
        "CNN0011", "Layer after the loss",
        "{0} follows the loss {1}; the loss must be the last layer", Declaration);

    public static readonly DiagnosticDescriptor LossIncompatible = Error(
        "CNN0012", "Loss does not fit the output",
        "{0}: {1}", Shape);

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "CNN0013", "Network exceeds the generator's limits",
        "Network '{0}': {1} is {2}, above the supported limit of {3}", Limits);

    public static readonly DiagnosticDescriptor DuplicateLayerName = Error(
        "CNN0014", "Duplicate layer name",
        "{0}: the name '{1}' is already used by {2}; layer names must be unique", Declaration);

    public static readonly DiagnosticDescriptor SpatialRankMismatch = Error(
        "CNN0015", "Layer dimensionality does not match its input",
        "{0} needs an input with {1}, but its input {2} has {3}{4}", Shape);

    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Error(
        "CNN0016", "Layers split across partial declarations",
        "Network '{0}' declares layers on more than one partial declaration, so their order is ambiguous; keep [Network] and all layer attributes on one declaration", Declaration);

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "CNN0017", "Invalid layer name",
        "{0}: name '{1}' must be a C# identifier-like word (letters, digits, '_' or '.', not starting with a digit)", Declaration);

    public static readonly DiagnosticDescriptor UnknownLayer = Error(
        "CNN0018", "Unknown layer attribute",
        "{0}: [{1}] derives from LayerAttribute but is not a layer kind the generator knows", Declaration);

    public static readonly DiagnosticDescriptor ArgumentOutOfRange = Error(
        "CNN0019", "Layer argument out of range",
        "{0}: {1} is {2}; it must be {3}", Declaration);

    public static readonly DiagnosticDescriptor UnknownResidualSource = Error(
        "CNN0020", "Residual source not found",
        "{0}: no earlier layer is named '{1}'; earlier layers are {2}", Declaration);

    public static readonly DiagnosticDescriptor ResidualShapeMismatch = Error(
        "CNN0021", "Residual shapes do not match",
        "{0}: the previous layer's output {1} and the output {2} of '{3}' cannot be {4}; {5}", Shape);

    public static readonly DiagnosticDescriptor NameClashesWithGeneratedCode = Error(
        "CNN0022", "Network class name clashes with the generated code",
        "Network class '{0}' clashes with {1}; rename the class or move it to another namespace", Declaration);

    public static readonly DiagnosticDescriptor MemberClashesWithGeneratedMember = Error(
        "CNN0023", "Member clashes with a generated member",
        "Network class '{0}' {1}, which the generated code also defines ({2}); rename or remove the member", Declaration);

    public static readonly DiagnosticDescriptor ConstructorSkipsInitialization = Error(
        "CNN0024", "Constructor skips the generated initialization",
        "Constructor '{0}' of network '{1}' does not chain to the generated constructor, so the weights and workspaces would stay uninitialized; {2}", Declaration);

    public static readonly DiagnosticDescriptor PaddingGivenTwice = Error(
        "CNN0025", "Padding given twice",
        "{0}: {1} and {2} both set the padding; keep one of them ('Padding = Padding.Same' pads to an output of ceil(input / stride), 'PaddingSize' pads every side by that much)", Declaration);

    public static readonly DiagnosticDescriptor BaseNotConstructible = Error(
        "CNN0026", "Base class cannot be constructed by the generated constructor",
        "Network class '{0}' derives from '{1}', whose constructors all need arguments or are inaccessible ({2}); the generated constructor {3}(int seed = 0) calls base(), so give '{1}' an accessible constructor without required parameters (protected is enough), or hold a '{1}' in a field instead of deriving from it", Declaration);

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error(
        "CNN0027", "Language version too old for the generated code",
        "Network '{0}': the project compiles C# {1}, but the generated code needs C# {2} or later; set <LangVersion>{2}</LangVersion> (or newer, or 'latest') in the project, or remove LangVersion to get the SDK's default (C# 12 or later since .NET 8)", Declaration);

    public static readonly DiagnosticDescriptor CompiledWithoutOptimization = Info(
        "CNN0028", "Network compiled without optimization",
        "Network '{0}' is compiled without optimization (a Debug build), where its generated loops run about 6× slower than in a Release build; build with -c Release (or <Optimize>true</Optimize>) to train or measure at full speed", Performance);

    /// <summary>Every descriptor, in ID order.</summary>
    public static readonly DiagnosticDescriptor[] All =
    [
        ClassNotPartial,
        UnsupportedClass,
        InvalidInputShape,
        NoLayers,
        NonPositiveArgument,
        NonConstantArgument,
        KernelLargerThanInput,
        StrideDropsInput,
        PaddingTooLarge,
        MissingLoss,
        LayerAfterLoss,
        LossIncompatible,
        NetworkTooLarge,
        DuplicateLayerName,
        SpatialRankMismatch,
        LayersOnSeveralDeclarations,
        InvalidName,
        UnknownLayer,
        ArgumentOutOfRange,
        UnknownResidualSource,
        ResidualShapeMismatch,
        NameClashesWithGeneratedCode,
        MemberClashesWithGeneratedMember,
        ConstructorSkipsInitialization,
        PaddingGivenTwice,
        BaseNotConstructible,
        LanguageVersionTooOld,
        CompiledWithoutOptimization,
    ];

    /// <summary>The descriptor with this ID.</summary>
    public static DiagnosticDescriptor ById(string id)
    {
        foreach (DiagnosticDescriptor descriptor in All)
        {
            if (descriptor.Id == id) return descriptor;
        }
        throw new System.ArgumentException("Unknown diagnostic ID " + id, nameof(id));
    }
}
