using System.Collections.Generic;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CnnCompiler.Generator.Parsing;

/// <summary>
/// Turns one layer attribute into a <see cref="LayerDecl"/>: what every attribute has (bound arguments, Name, Frozen)
/// here, the rest by the unit of <see cref="LayerKinds"/> that declares the attribute, each bad value reported on its argument.
/// </summary>
internal static class LayerReader
{
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
        if (LayerKinds.Declaring(kindName) is not { } unit)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnknownLayer, arguments.AttributeLocation, $"Layer #{index + 1}", kindName));
            return null;
        }
        var reading = new LayerReading(kindName, name, label, arguments, diagnostics);
        LayerDecl? layer = unit.Parse(reading);
        return layer is null || reading.Failed ? null : layer with { Frozen = reading.Bool("Frozen", false) };
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
}
