using Microsoft.CodeAnalysis;

namespace CnnCompiler.Generator.Model;

/// <summary>A diagnostic as plain data (descriptor id, location, message arguments), turned into a Roslyn diagnostic only when reported.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
    {
        var texts = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++) texts[i] = System.Convert.ToString(arguments[i], System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return new DiagnosticInfo(descriptor.Id, location, EquatableArray.From(texts));
    }
}
