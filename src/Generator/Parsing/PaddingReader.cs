using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CnnCompiler.Generator.Parsing;

/// <summary>
/// A layer's padding: the <c>Padding</c> mode (convolutions) and the explicit sizes (<c>PaddingSize</c>,
/// <c>PaddingHeight</c>, …). <c>Padding</c> is typed <c>object</c> in the attributes so that what a PyTorch or Keras
/// user writes there by habit (<c>Padding = 1</c>, <c>Padding = "same"</c>) compiles and reaches this reader, which says
/// what to write instead; the compiler alone would only say that an int does not convert to Padding.
/// </summary>
internal static class PaddingReader
{
    private const string PaddingType = "CnnCompiler.Padding";

    /// <summary>
    /// The padding mode and per-axis explicit sizes, or null after reporting: a value that is not Padding.Valid or
    /// Padding.Same (CNN0006), a negative size (CNN0019), or a mode and a size given together (CNN0025).
    /// </summary>
    public static (PaddingMode Mode, int[] Pad)? Read(AttributeArguments arguments, int rank, string label, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        PaddingMode mode = ReadMode(arguments, rank, label, diagnostics);
        int[] pad = ReadSizes(arguments, rank, label, diagnostics, out string? firstSize);
        if (firstSize is not null && arguments.Has("Padding") && diagnostics.Count == before)
        {
            // Two answers to one question: PyTorch refuses padding='same' with a size too, and which one should win is
            // anyone's guess, so neither does.
            string given = mode == PaddingMode.Same ? "Padding = Padding.Same" : "Padding = Padding.Valid";
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.PaddingGivenTwice, arguments.LocationOf("Padding"), label, given, $"{firstSize} = {Int(ReadInt(arguments, firstSize))}"));
        }
        if (diagnostics.Count > before) return null;
        return (firstSize is null ? mode : PaddingMode.Explicit, pad);
    }

    /// <summary>Padding.Valid (also when not written) or Padding.Same; anything else is reported with what to write.</summary>
    private static PaddingMode ReadMode(AttributeArguments arguments, int rank, string label, List<DiagnosticInfo> diagnostics)
    {
        if (!arguments.TryGet("Padding", out TypedConstant value)) return PaddingMode.Valid;
        if (value.Kind == TypedConstantKind.Enum && value.Type?.ToDisplayString() == PaddingType && value.Value is int number && number is 0 or 1)
        {
            return (PaddingMode)number;
        }
        diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantArgument, arguments.LocationOf("Padding"), label, "Padding", "Padding.Valid or Padding.Same" + Hint(value, rank)));
        return PaddingMode.Valid;
    }

    /// <summary>What the user probably meant, from the value written: a size (PyTorch's padding=n) or a mode by name.</summary>
    private static string Hint(TypedConstant value, int rank)
    {
        if (value.IsNull) return "";
        if (value.Kind == TypedConstantKind.Array)
        {
            int[] sizes = value.Values.Select(v => v.Value is int n ? n : -1).ToArray();
            if (sizes.Length != rank || sizes.Any(n => n < 0)) return "";
            if (rank == 1 || sizes.All(n => n == sizes[0])) return $"; for explicit padding write PaddingSize = {Int(sizes[0])}";
            return "; for explicit padding write " + string.Join(", ", sizes.Select((n, axis) => $"{AttributeAxes.Specific("Padding", rank, axis)} = {Int(n)}"));
        }
        if (value.Value is string text)
        {
            string name = text.Trim().ToLowerInvariant();
            return name == "same" ? "; write Padding = Padding.Same" : name == "valid" ? "; write Padding = Padding.Valid (the default)" : "";
        }
        // An int, or an enum cast from one ((Padding)3, as the compiler's "are you missing a cast?" suggests).
        bool isNumber = value.Kind == TypedConstantKind.Primitive || (value.Kind == TypedConstantKind.Enum && value.Type?.ToDisplayString() == PaddingType);
        if (isNumber && value.Value is int size && size >= 0) return $"; for explicit padding of {Int(size)} on every side write PaddingSize = {Int(size)}";
        return "";
    }

    /// <summary>
    /// Explicit sizes per axis: the axis's own argument (PaddingWidth) when given, else PaddingSize; 0 when neither.
    /// <paramref name="firstSize"/> is the first argument that gave one, or null when the padding is not explicit.
    /// </summary>
    private static int[] ReadSizes(AttributeArguments arguments, int rank, string label, List<DiagnosticInfo> diagnostics, out string? firstSize)
    {
        var values = new int[rank];
        var reported = new HashSet<string>();
        firstSize = null;
        for (int axis = 0; axis < rank; axis++)
        {
            string specific = AttributeAxes.Specific("Padding", rank, axis);
            string argument = arguments.Has(specific) ? specific : arguments.Has("PaddingSize") ? "PaddingSize" : "";
            if (argument.Length == 0) continue;
            firstSize ??= argument;
            int value = ReadInt(arguments, argument);
            if (value < 0 && reported.Add(argument))
            {
                string what = rank > 1 && argument == specific ? "padding " + AttributeAxes.Name(rank, axis).ToLowerInvariant() : "padding";
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.ArgumentOutOfRange, arguments.LocationOf(argument), label, what, value, "at least 0"));
            }
            values[axis] = value;
        }
        return values;
    }

    private static int ReadInt(AttributeArguments arguments, string argument) =>
        arguments.TryGet(argument, out TypedConstant value) && value.Value is int number ? number : 0;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
