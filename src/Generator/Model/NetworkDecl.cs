namespace CnnCompiler.Generator.Model;

/// <summary>A network as declared: the class, the input shape and the layers in source order. Holds no locations.</summary>
internal sealed record NetworkDecl(TypeDecl Type, EquatableArray<int> InputShape, EquatableArray<LayerDecl> Layers);

/// <summary>
/// Where each part of a declaration stands in source, kept apart from <see cref="NetworkDecl"/> so that moving code
/// changes only this and never re-emits the generated source.
/// </summary>
/// <param name="Class">The class identifier.</param>
/// <param name="Network">The [Network] attribute.</param>
/// <param name="Layers">Each layer attribute and its arguments, in the order of <see cref="NetworkDecl.Layers"/>.</param>
internal sealed record DeclLocations(LocationInfo? Class, LocationInfo? Network, EquatableArray<LayerLocations> Layers);

/// <summary>The parser's result: a declaration when one could be read, and what was wrong with it.</summary>
internal sealed record ParseResult(NetworkDecl? Network, DeclLocations Locations, EquatableArray<DiagnosticInfo> Diagnostics);
