using System.Collections.Generic;
using System.Globalization;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CnnCompiler.Generator.Parsing;

/// <summary>
/// One layer attribute being read by its kind's unit: the arguments, how messages name the layer, and the readers that
/// report a bad value on the argument itself. A unit reads what it needs and returns null when <see cref="Failed"/>.
/// </summary>
internal sealed class LayerReading(string kindName, string? name, string label, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
{
    private readonly int _before = diagnostics.Count;

    /// <summary>The attribute as written, without "Attribute" ("Conv2D").</summary>
    public string KindName { get; } = kindName;

    /// <summary>The user-given name, if any.</summary>
    public string? Name { get; } = name;

    /// <summary>How messages name the layer: "Conv2D #3" or "Conv2D #3 'stem'".</summary>
    public string Label { get; } = label;

    public AttributeArguments Arguments { get; } = arguments;

    /// <summary>Whether reading reported an error (the layer is then not declared).</summary>
    public bool Failed => diagnostics.Count > _before;

    /// <summary>A declaration of <paramref name="kind"/> with this attribute's name and no spatial values.</summary>
    public LayerDecl Simple(LayerKind kind, int units = 0, ActivationKind activation = ActivationKind.None, bool useBias = false) =>
        new(kind, KindName, Name, units, EquatableArray<int>.Empty, EquatableArray<int>.Empty, PaddingMode.Valid, EquatableArray<int>.Empty, activation, useBias);

    public void Report(DiagnosticDescriptor descriptor, string argument, params object[] values)
    {
        var all = new object[values.Length + 1];
        all[0] = Label;
        values.CopyTo(all, 1);
        diagnostics.Add(DiagnosticInfo.Create(descriptor, Arguments.LocationOf(argument), all));
    }

    public int Int(string argument, int fallback) =>
        Arguments.TryGet(argument, out TypedConstant value) && value.Value is int number ? number : fallback;

    /// <summary>An integer that must be at least 1 (filters, units): reported as <paramref name="what"/> when not.</summary>
    public int Positive(string argument, string what)
    {
        int value = Int(argument, 0);
        if (value < 1) Report(Descriptors.NonPositiveArgument, argument, what, value);
        return value;
    }

    public float Float(string argument, float fallback) =>
        Arguments.TryGet(argument, out TypedConstant value) ? value.Value switch
        {
            float number => number,
            double number => (float)number,
            int number => number,
            _ => fallback,
        } : fallback;

    /// <summary>A float that must satisfy <paramref name="valid"/>, else CNN0019 naming the rule.</summary>
    public float Float(string argument, float fallback, System.Func<float, bool> valid, string what, string rule)
    {
        float value = Float(argument, fallback);
        if (!valid(value)) Report(Descriptors.ArgumentOutOfRange, argument, what, value.ToString("R", CultureInfo.InvariantCulture), rule);
        return value;
    }

    public bool Bool(string argument, bool fallback) =>
        Arguments.TryGet(argument, out TypedConstant value) && value.Value is bool flag ? flag : fallback;

    public string? Text(string argument) => Arguments.TryGet(argument, out TypedConstant value) ? value.Value as string : null;

    /// <summary>A fused activation (the attributes' Activation enum), reported when the value is not a defined one.</summary>
    public ActivationKind Activation()
    {
        var activation = (ActivationKind)Int("Activation", 0);
        if (activation is >= ActivationKind.None and <= ActivationKind.SiLU) return activation;
        Report(Descriptors.NonConstantArgument, "Activation", "Activation", "a defined Activation value");
        return ActivationKind.None;
    }

    /// <summary>
    /// A per-axis value: the axis-specific argument (<c>kernelHeight</c>, <c>StrideWidth</c>, …) when given, else the
    /// shared one (<c>kernelSize</c>, <c>Stride</c>); 0 when neither is given and the value is optional.
    /// </summary>
    public int[] PerAxis(int rank, string prefix, string shared, string what, bool required)
    {
        var values = new int[rank];
        var reported = new HashSet<string>();
        for (int axis = 0; axis < rank; axis++)
        {
            string axisName = AttributeAxes.Name(rank, axis);
            string specific = prefix + axisName;
            string argument = Arguments.Has(specific) ? specific : Arguments.Has(shared) ? shared : Arguments.Has(prefix) ? prefix : "";
            if (argument.Length == 0)
            {
                if (required && reported.Add(shared)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantArgument, Arguments.AttributeLocation, Label, shared, "a compile-time constant integer"));
                continue;
            }
            int value = Int(argument, 0);
            // A shared argument (kernelSize, Stride) is reported once, not once per axis it applies to.
            if (value < 1 && reported.Add(argument))
            {
                string axisText = rank > 1 && argument == specific ? $"{what} {axisName.ToLowerInvariant()}" : what;
                Report(Descriptors.NonPositiveArgument, argument, axisText, value);
            }
            values[axis] = value;
        }
        return values;
    }

    /// <summary>The padding mode and sizes of a convolution or pool (see <see cref="PaddingReader"/>); null after a reported error.</summary>
    public (PaddingMode Mode, int[] Pad)? Padding(int rank) => PaddingReader.Read(Arguments, rank, Label, diagnostics);
}
