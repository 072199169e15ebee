using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CnnCompiler.Generator.Diagnostics;
using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnCompiler.Generator.Parsing;

/// <summary>
/// Reads a [Network] class into plain data: the class, its input shape and its layer attributes in source order.
/// Total: every malformed declaration becomes a diagnostic, never an exception.
/// </summary>
internal static class NetworkParser
{
    public const string AttributeNamespace = "CnnCompiler";
    public const string NetworkAttributeName = "CnnCompiler.NetworkAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var classSyntax = (TypeDeclarationSyntax)context.TargetNode;
        LocationInfo? classLocation = LocationInfo.From(classSyntax) is { } whole
            ? new LocationInfo(whole.FilePath, classSyntax.Identifier.Span, classSyntax.Identifier.GetLocation().GetLineSpan().Span)
            : null;
        AttributeData networkAttribute = context.Attributes[0];
        var networkArguments = new AttributeArguments(networkAttribute, cancellationToken);

        ClassChecks.Check(type, classSyntax, classLocation, context.SemanticModel.Compilation, diagnostics, cancellationToken);
        EquatableArray<int> inputShape = ReadInputShape(networkAttribute, networkArguments, diagnostics);

        var layerAttributes = LayerAttributesInSourceOrder(type, cancellationToken, out bool severalDeclarations);
        if (severalDeclarations) diagnostics.Add(DiagnosticInfo.Create(Descriptors.LayersOnSeveralDeclarations, classLocation, type.Name));

        var layers = new List<LayerDecl>();
        var layerLocations = new List<LayerLocations>();
        for (int i = 0; i < layerAttributes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var arguments = new AttributeArguments(layerAttributes[i], cancellationToken);
            string kindName = KindName(layerAttributes[i].AttributeClass!);
            LayerDecl? layer = LayerReader.Read(kindName, i, arguments, diagnostics);
            if (layer is null) continue;
            layers.Add(layer);
            layerLocations.Add(arguments.Locations(classLocation ?? new LocationInfo("", default, default)));
        }

        var locations = new DeclLocations(classLocation, networkArguments.AttributeLocation, layerLocations.ToEquatableArray());
        // An attribute the compiler cannot resolve may be a misspelt layer ([Conv2d], [Desne]): generating the network
        // without it would be wrong, so such a class is not generated either (the compiler reports CS0246).
        bool compilerErrors = context.Attributes.Concat(layerAttributes).Any(attribute => HasCompilerError(attribute, context.SemanticModel, cancellationToken))
            || type.GetAttributes().Any(attribute => attribute.AttributeClass is null or { TypeKind: TypeKind.Error });
        bool readable = layers.Count == layerAttributes.Count && inputShape.Count > 0 && !compilerErrors && !diagnostics.Any(IsDeclarationError);
        var network = readable ? new NetworkDecl(ReadType(type), inputShape, layers.ToEquatableArray()) : null;
        return new ParseResult(network, locations, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Whether the compiler reports an error on the attribute: no matching constructor, an unknown, read-only or repeated
    /// named argument, a value of the wrong type, a repeated [Network]…. Such arguments may bind to nothing or to a default
    /// that the attribute data cannot tell apart from a real value, so the network is not generated; the compiler's error
    /// already says what is wrong.
    /// </summary>
    private static bool HasCompilerError(AttributeData attribute, SemanticModel model, CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor is null) return true;
        if (attribute.ApplicationSyntaxReference is not { } reference) return false;
        SyntaxNode syntax = reference.GetSyntax(cancellationToken);
        SemanticModel treeModel = syntax.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(syntax.SyntaxTree);
        return treeModel.GetDiagnostics(syntax.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
    }

    // Warnings do not stop generation; everything the parser reports so far is an error.
    private static bool IsDeclarationError(DiagnosticInfo diagnostic) => Descriptors.ById(diagnostic.Id).DefaultSeverity == DiagnosticSeverity.Error;

    private static EquatableArray<int> ReadInputShape(AttributeData attribute, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
    {
        LocationInfo? location = arguments.AttributeLocation;
        if (!arguments.IsBound) return EquatableArray<int>.Empty; // the compiler reports why ([Network("a")], …)
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array || attribute.ConstructorArguments[0].IsNull)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantArgument, location, "[Network]", "inputShape", "a compile-time constant array of integers"));
            return EquatableArray<int>.Empty;
        }
        ImmutableArray<TypedConstant> values = attribute.ConstructorArguments[0].Values;
        var shape = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].Value is not int value)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantArgument, location, "[Network]", "inputShape", "a compile-time constant array of integers"));
                return EquatableArray<int>.Empty;
            }
            shape[i] = value;
        }
        string text = values.Length == 0 ? "()" : string.Join("×", shape);
        if (shape.Length is < 2 or > 4)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidInputShape, location, text,
                $"it has {shape.Length} value(s); give channels then 1 to 3 spatial sizes, for example [Network(1, 28, 28)] for one 28×28 channel"));
            return EquatableArray<int>.Empty;
        }
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 1)
            {
                string axis = i == 0 ? "channels" : $"spatial size {i}";
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidInputShape, location, text, $"{axis} is {shape[i]}; every size must be at least 1"));
                return EquatableArray<int>.Empty;
            }
        }
        return EquatableArray.From(shape);
    }

    /// <summary>
    /// Layer attributes sorted by where they stand in source: Roslyn does not promise source order from GetAttributes,
    /// and the layer order is the meaning of the declaration.
    /// </summary>
    private static List<AttributeData> LayerAttributesInSourceOrder(INamedTypeSymbol type, CancellationToken cancellationToken, out bool severalDeclarations)
    {
        var found = new List<(AttributeData Attribute, SyntaxReference? Reference)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && IsLayerAttribute(attributeClass)) found.Add((attribute, attribute.ApplicationSyntaxReference));
        }
        var trees = new HashSet<SyntaxTree>();
        var declarations = new HashSet<SyntaxNode>();
        foreach (var item in found)
        {
            if (item.Reference is null) continue;
            trees.Add(item.Reference.SyntaxTree);
            SyntaxNode? declaration = item.Reference.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (declaration is not null) declarations.Add(declaration);
        }
        severalDeclarations = declarations.Count > 1;
        return found
            .OrderBy(item => item.Reference?.SyntaxTree.FilePath ?? "", System.StringComparer.Ordinal)
            .ThenBy(item => item.Reference?.Span.Start ?? 0)
            .Select(item => item.Attribute)
            .ToList();
    }

    private static bool IsLayerAttribute(INamedTypeSymbol attributeClass) => LayerBase(attributeClass) is not null;

    /// <summary>CnnCompiler.LayerAttribute when <paramref name="attributeClass"/> derives from it.</summary>
    private static INamedTypeSymbol? LayerBase(INamedTypeSymbol attributeClass)
    {
        for (INamedTypeSymbol? current = attributeClass.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "LayerAttribute" && current.ContainingNamespace?.ToDisplayString() == AttributeNamespace) return current;
        }
        return null;
    }

    /// <summary>
    /// "Conv2D" for CnnCompiler.Conv2DAttribute. A user's own layer attribute named like a built-in one
    /// (MyLayers.DenseAttribute) keeps its full name ("MyLayers.Dense"), so that it is reported as unknown (CNN0018)
    /// instead of being read as the built-in layer.
    /// </summary>
    private static string KindName(INamedTypeSymbol attributeClass)
    {
        string name = attributeClass.Name;
        IAssemblySymbol? attributes = LayerBase(attributeClass)?.ContainingAssembly;
        bool builtIn = attributeClass.ContainingNamespace?.ToDisplayString() == AttributeNamespace
            && SymbolEqualityComparer.Default.Equals(attributeClass.ContainingAssembly, attributes);
        if (!builtIn && attributes?.GetTypeByMetadataName(AttributeNamespace + "." + name) is not null) name = attributeClass.ToDisplayString();
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    private static TypeDecl ReadType(INamedTypeSymbol type)
    {
        // ToDisplayString escapes keywords (@class.@event), as the namespace declaration needs; the hint name may not
        // contain '@', so it is built from the names themselves.
        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : "";
        var parts = new List<string> { type.Name };
        for (INamespaceSymbol? n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace) parts.Insert(0, n.Name);
        string modifiers = type.DeclaredAccessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            _ => "",
        };
        return new TypeDecl(ns, type.Name, modifiers, string.Join(".", parts));
    }
}
