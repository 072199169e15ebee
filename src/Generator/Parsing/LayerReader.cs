using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CnnCompiler.Generator.Parsing;

/// <summary>Turns one layer attribute's arguments into a <see cref="LayerDecl"/>, reporting bad values on the argument.</summary>
internal static class LayerReader
{
    private static readonly Regex ConvName = new("^Conv([123])D$", RegexOptions.CultureInvariant);
    private static readonly Regex PoolName = new("^(Max|Avg)Pool([123])D$", RegexOptions.CultureInvariant);

    public static LayerDecl? Read(string kindName, int index, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
    {
        string label = $"{kindName} #{index + 1}";
        // Unbound (CS1729, CS7036, …): every argument would read as missing, so report nothing on top of the compiler's error.
        if (!arguments.IsBound) return null;
        int before = diagnostics.Count;
        foreach (string argument in arguments.ErroneousArguments())
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantArgument, arguments.LocationOf(argument), label, argument, "a compile-time constant of the declared type"));
        }
        if (diagnostics.Count > before) return null;

        string? name = ReadName(arguments, label, diagnostics);
        if (name is not null) label = $"{kindName} #{index + 1} '{name}'";
        LayerDecl? layer = ReadKind(kindName, index, name, label, arguments, diagnostics, before);
        return layer is null ? null : layer with { Frozen = ReadBool(arguments, "Frozen", false) };
    }

    private static LayerDecl? ReadKind(string kindName, int index, string? name, string label, AttributeArguments arguments, List<DiagnosticInfo> diagnostics, int before)
    {

        Match conv = ConvName.Match(kindName);
        if (conv.Success) return ReadConv(kindName, name, int.Parse(conv.Groups[1].Value, CultureInfo.InvariantCulture), label, arguments, diagnostics);
        Match pool = PoolName.Match(kindName);
        if (pool.Success)
        {
            var kind = pool.Groups[1].Value == "Max" ? LayerKind.MaxPool : LayerKind.AvgPool;
            return ReadPool(kind, kindName, name, int.Parse(pool.Groups[2].Value, CultureInfo.InvariantCulture), label, arguments, diagnostics);
        }
        switch (kindName)
        {
            case "Dense":
            {
                int units = ReadPositive(arguments, "units", label, "units", diagnostics);
                ActivationKind activation = ReadActivation(arguments, label, diagnostics);
                return diagnostics.Count > before ? null : Simple(LayerKind.Dense, kindName, name, units, activation, ReadBool(arguments, "UseBias", true));
            }
            case "Flatten":
                return Simple(LayerKind.Flatten, kindName, name, 0, ActivationKind.None, false);
            case "ReLU":
                return Simple(LayerKind.Activation, kindName, name, 0, ActivationKind.ReLU, false);
            case "Sigmoid":
                return Simple(LayerKind.Activation, kindName, name, 0, ActivationKind.Sigmoid, false);
            case "Tanh":
                return Simple(LayerKind.Activation, kindName, name, 0, ActivationKind.Tanh, false);
            case "LeakyReLU":
            {
                float slope = ReadFloat(arguments, "negativeSlope", 0.01f);
                if (float.IsNaN(slope) || float.IsInfinity(slope)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.ArgumentOutOfRange, arguments.LocationOf("negativeSlope"), label, "negativeSlope", Text(slope), "a finite number"));
                return diagnostics.Count > before ? null : Simple(LayerKind.Activation, kindName, name, 0, ActivationKind.LeakyReLU, false) with { Alpha = slope };
            }
            case "ELU":
            {
                float alpha = ReadFloat(arguments, "alpha", 1f);
                if (!(alpha > 0f) || float.IsInfinity(alpha)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.ArgumentOutOfRange, arguments.LocationOf("alpha"), label, "alpha", Text(alpha), "finite and greater than 0"));
                return diagnostics.Count > before ? null : Simple(LayerKind.Activation, kindName, name, 0, ActivationKind.ELU, false) with { Alpha = alpha };
            }
            case "GELU":
                return Simple(LayerKind.Activation, kindName, name, 0, ActivationKind.GELU, false);
            case "BatchNorm":
            {
                float momentum = ReadFloat(arguments, "Momentum", 0.1f);
                float epsilon = ReadFloat(arguments, "Epsilon", 1e-5f);
                if (!(momentum >= 0f && momentum <= 1f)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.ArgumentOutOfRange, arguments.LocationOf("Momentum"), label, "Momentum", Text(momentum), "between 0 and 1"));
                if (!(epsilon > 0f) || float.IsInfinity(epsilon)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.ArgumentOutOfRange, arguments.LocationOf("Epsilon"), label, "Epsilon", Text(epsilon), "finite and greater than 0"));
                return diagnostics.Count > before ? null : Simple(LayerKind.BatchNorm, kindName, name, 0, ActivationKind.None, true) with { Momentum = momentum, Epsilon = epsilon };
            }
            case "Dropout":
            {
                float rate = ReadFloat(arguments, "rate", 0.5f);
                if (!(rate >= 0f && rate < 1f)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.ArgumentOutOfRange, arguments.LocationOf("rate"), label, "the rate", Text(rate), "at least 0 and below 1"));
                return diagnostics.Count > before ? null : Simple(LayerKind.Dropout, kindName, name, 0, ActivationKind.None, false) with { Rate = rate };
            }
            case "GlobalAveragePool":
                return Simple(LayerKind.GlobalAvgPool, kindName, name, 0, ActivationKind.None, false);
            case "GlobalMaxPool":
                return Simple(LayerKind.GlobalMaxPool, kindName, name, 0, ActivationKind.None, false);
            case "Add":
            {
                string source = arguments.TryGet("source", out TypedConstant value) && value.Value is string text ? text : "";
                if (source.Length == 0) diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantArgument, arguments.LocationOf("source"), label, "source", "the name of an earlier layer"));
                return diagnostics.Count > before ? null : Simple(LayerKind.Add, kindName, name, 0, ActivationKind.None, false) with { Source = source, Projection = ReadBool(arguments, "Projection", false) };
            }
            case "BasicBlock":
            {
                int filters = ReadPositive(arguments, "filters", label, "filters", diagnostics);
                int stride = ReadInt(arguments, "Stride", 1);
                if (stride < 1) diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonPositiveArgument, arguments.LocationOf("Stride"), label, "stride", stride));
                return diagnostics.Count > before ? null : Simple(LayerKind.BasicBlock, kindName, name, filters, ActivationKind.None, false) with { Stride = EquatableArray.From(stride) };
            }
            case "SoftmaxCrossEntropy":
                return Simple(LayerKind.SoftmaxCrossEntropy, kindName, name, 0, ActivationKind.None, false);
            case "MeanSquaredError":
                return Simple(LayerKind.MeanSquaredError, kindName, name, 0, ActivationKind.None, false);
            case "BinaryCrossEntropy":
                return Simple(LayerKind.BinaryCrossEntropy, kindName, name, 0, ActivationKind.None, false);
            default:
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnknownLayer, arguments.AttributeLocation, $"Layer #{index + 1}", kindName));
                return null;
        }
    }

    private static LayerDecl Simple(LayerKind kind, string kindName, string? name, int units, ActivationKind activation, bool useBias) =>
        new(kind, kindName, name, units, EquatableArray<int>.Empty, EquatableArray<int>.Empty, PaddingMode.Valid, EquatableArray<int>.Empty, activation, useBias);

    private static LayerDecl? ReadConv(string kindName, string? name, int rank, string label, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        int filters = ReadPositive(arguments, "filters", label, "filters", diagnostics);
        int[] kernel = ReadPerAxis(arguments, rank, "kernel", "kernelSize", label, "kernel", required: true, diagnostics);
        int[] stride = ReadPerAxis(arguments, rank, "Stride", "Stride", label, "stride", required: false, diagnostics);
        var padding = PaddingReader.Read(arguments, rank, label, diagnostics);
        ActivationKind activation = ReadActivation(arguments, label, diagnostics);
        if (diagnostics.Count > before || padding is not { Mode: var mode, Pad: var pad }) return null;
        return new LayerDecl(LayerKind.Conv, kindName, name, filters, EquatableArray.From(kernel), EquatableArray.From(stride),
            mode, EquatableArray.From(pad), activation, ReadBool(arguments, "UseBias", true));
    }

    private static LayerDecl? ReadPool(LayerKind kind, string kindName, string? name, int rank, string label, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        int[] window = ReadPerAxis(arguments, rank, "window", "windowSize", label, "window", required: true, diagnostics);
        int[] stride = ReadPerAxis(arguments, rank, "Stride", "Stride", label, "stride", required: false, diagnostics);
        // Pooling attributes have no Padding mode, only sizes.
        var padding = PaddingReader.Read(arguments, rank, label, diagnostics);
        if (diagnostics.Count > before || padding is not { Mode: var mode, Pad: var pad }) return null;
        return new LayerDecl(kind, kindName, name, 0, EquatableArray.From(window), EquatableArray.From(stride),
            mode, EquatableArray.From(pad), ActivationKind.None, false, CountIncludePad: ReadBool(arguments, "CountIncludePad", true));
    }

    /// <summary>
    /// A per-axis value: the axis-specific argument (<c>kernelHeight</c>, <c>StrideWidth</c>, …) when given, else the
    /// shared one (<c>kernelSize</c>, <c>Stride</c>); 0 when neither is given and the value is optional.
    /// </summary>
    private static int[] ReadPerAxis(AttributeArguments arguments, int rank, string prefix, string shared, string label, string what, bool required, List<DiagnosticInfo> diagnostics)
    {
        var values = new int[rank];
        var reported = new HashSet<string>();
        for (int axis = 0; axis < rank; axis++)
        {
            string axisName = AttributeAxes.Name(rank, axis);
            string specific = prefix + axisName;
            string argument = arguments.Has(specific) ? specific : arguments.Has(shared) ? shared : arguments.Has(prefix) ? prefix : "";
            if (argument.Length == 0)
            {
                if (required && reported.Add(shared)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantArgument, arguments.AttributeLocation, label, shared, "a compile-time constant integer"));
                continue;
            }
            int value = ReadInt(arguments, argument, 0);
            // A shared argument (kernelSize, Stride) is reported once, not once per axis it applies to.
            if (value < 1 && reported.Add(argument))
            {
                string axisText = rank > 1 && argument == specific ? $"{what} {axisName.ToLowerInvariant()}" : what;
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonPositiveArgument, arguments.LocationOf(argument), label, axisText, value));
            }
            values[axis] = value;
        }
        return values;
    }

    private static string? ReadName(AttributeArguments arguments, string label, List<DiagnosticInfo> diagnostics)
    {
        if (!arguments.TryGet("Name", out TypedConstant value) || value.Value is not string name) return null;
        if (!IsValidName(name))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidName, arguments.LocationOf("Name"), label, name));
            return null;
        }
        return name;
    }

    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0])) return false;
        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.')) return false;
        }
        return true;
    }

    private static int ReadPositive(AttributeArguments arguments, string argument, string label, string what, List<DiagnosticInfo> diagnostics)
    {
        int value = ReadInt(arguments, argument, 0);
        if (value < 1) diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonPositiveArgument, arguments.LocationOf(argument), label, what, value));
        return value;
    }

    private static int ReadInt(AttributeArguments arguments, string argument, int fallback) =>
        arguments.TryGet(argument, out TypedConstant value) && value.Value is int number ? number : fallback;

    private static float ReadFloat(AttributeArguments arguments, string argument, float fallback) =>
        arguments.TryGet(argument, out TypedConstant value) ? value.Value switch
        {
            float number => number,
            double number => (float)number,
            int number => number,
            _ => fallback,
        } : fallback;

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool ReadBool(AttributeArguments arguments, string argument, bool fallback) =>
        arguments.TryGet(argument, out TypedConstant value) && value.Value is bool flag ? flag : fallback;

    private static ActivationKind ReadActivation(AttributeArguments arguments, string label, List<DiagnosticInfo> diagnostics)
    {
        var activation = (ActivationKind)ReadInt(arguments, "Activation", 0);
        if (activation is >= ActivationKind.None and <= ActivationKind.GELU) return activation;
        diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantArgument, arguments.LocationOf("Activation"), label, "Activation", "a defined Activation value"));
        return ActivationKind.None;
    }
}
