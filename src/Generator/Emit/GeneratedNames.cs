using System.Collections.Generic;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The members the generated part declares in the user's class: the public API and the one private field. Everything
/// else the generated code needs is file-local or <c>global::</c>-qualified, so these are the only names a user member
/// can clash with. The parser checks the user's class against them (CNN0023), so that a clash is one clear diagnostic
/// instead of compiler errors inside generated code; GeneratedNamesTests keeps this table equal to what the emitter writes.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>Methods of the generated part: a user method of the same name is an overload, not a clash (unless the signature is the same).</summary>
    public static readonly HashSet<string> Methods = new(System.StringComparer.Ordinal)
    {
        "Classify", "ComputeActivations", "ComputeGradients", "ComputeLoss", "IsFrozen", "Predict", "PredictLogits",
        "ProfileLayers", "SetFrozen", "Summary", "TrainStep",
    };

    /// <summary>Constants, fields and properties of the generated part: any user member of the same name clashes.</summary>
    public static readonly HashSet<string> OtherMembers = new(System.StringComparer.Ordinal)
    {
        "Gradients", "InputLength", "InputShape", "LayerList", "OutputLength", "ParameterCount", "Parameters", "State",
        "StateCount", "Tensors", "Threads", "TrainingRandom", RuntimeNames.NetworkField,
    };

    /// <summary>Whether a method of the generated part has this name.</summary>
    public static bool IsMethod(string name) => Methods.Contains(name);

    /// <summary>What a class of this name would clash with (a class cannot have a member of its own name), or null when the name is free.</summary>
    public static string? ClassNameClash(string className) =>
        IsMethod(className) || OtherMembers.Contains(className) ? $"the member '{className}' that the generated code declares in it" : null;

    /// <summary>
    /// Whether a namespace is the generator's own (<see cref="RuntimeNames.SupportNamespace"/> or inside it): a class
    /// there would share its namespace with the file-local types of its generated file.
    /// </summary>
    public static bool IsReservedNamespace(string ns) =>
        ns == RuntimeNames.SupportNamespace || ns.StartsWith(RuntimeNames.SupportNamespace + ".", System.StringComparison.Ordinal);
}
