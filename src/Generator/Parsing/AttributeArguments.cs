using System.Collections.Generic;
using System.Threading;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnCompiler.Generator.Parsing;

/// <summary>
/// One attribute's arguments by name (constructor parameters and named properties alike), each with the location of the
/// argument as written, so that a bad value is reported on the argument itself.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly Dictionary<string, TypedConstant> _values = new();
    private readonly Dictionary<string, LocationInfo?> _locations = new();

    public AttributeArguments(AttributeData attribute, CancellationToken cancellationToken)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        IsBound = attribute.AttributeConstructor is not null;
        AttributeLocation = LocationInfo.From(syntax);
        var parameters = attribute.AttributeConstructor?.Parameters ?? default;
        if (!parameters.IsDefault)
        {
            for (int i = 0; i < attribute.ConstructorArguments.Length && i < parameters.Length; i++)
            {
                _values[parameters[i].Name] = attribute.ConstructorArguments[i];
            }
        }
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments) _values[named.Key] = named.Value;

        if (syntax?.ArgumentList is null) return;
        int position = 0;
        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            string? name = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
            if (name is null && !parameters.IsDefault && parameters.Length > 0)
            {
                // Positional: the i-th constructor parameter, or the params array for every trailing argument.
                name = parameters[position < parameters.Length ? position : parameters.Length - 1].Name;
                position++;
            }
            if (name is not null && !_locations.ContainsKey(name)) _locations[name] = LocationInfo.From(argument);
        }
    }

    /// <summary>
    /// Whether the compiler bound the attribute to a constructor. When it did not (no constructor takes these arguments,
    /// a required argument is missing), the arguments are unknown and the compiler's own error says why.
    /// </summary>
    public bool IsBound { get; }

    /// <summary>The whole attribute, for diagnostics that concern the layer rather than one argument.</summary>
    public LocationInfo? AttributeLocation { get; }

    /// <summary>Whether the argument was written (a named property left at its default counts as not given).</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Where the argument stands, or the attribute when it was not written out.</summary>
    public LocationInfo? LocationOf(string name) => _locations.TryGetValue(name, out LocationInfo? location) && location is not null ? location : AttributeLocation;

    public bool TryGet(string name, out TypedConstant value) => _values.TryGetValue(name, out value);

    /// <summary>
    /// The attribute and every argument written in it, for analysis to report on; sorted by name so that the model
    /// compares equal however the dictionary happens to enumerate.
    /// </summary>
    public LayerLocations Locations(LocationInfo fallback)
    {
        var written = new List<ArgumentLocation>();
        foreach (KeyValuePair<string, LocationInfo?> pair in _locations)
        {
            if (pair.Value is not null) written.Add(new ArgumentLocation(pair.Key, pair.Value));
        }
        written.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new LayerLocations(AttributeLocation ?? fallback, written.ToEquatableArray());
    }

    /// <summary>The names of every argument that failed to bind to a constant (the compiler reports why; we skip the network).</summary>
    public IEnumerable<string> ErroneousArguments()
    {
        foreach (KeyValuePair<string, TypedConstant> pair in _values)
        {
            if (pair.Value.Kind == TypedConstantKind.Error) yield return pair.Key;
        }
    }
}
