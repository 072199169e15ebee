using System.Collections.Generic;
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
/// Whether the user's class can take the generated partial: its shape (partial, not generic, nested, static or a
/// record), its name, its own and inherited members, its constructors and its base class. Each problem is one CNN
/// diagnostic on the class, member or base type, instead of compile errors inside the generated code.
/// </summary>
internal static class ClassChecks
{
    public static void Check(INamedTypeSymbol type, TypeDeclarationSyntax syntax, LocationInfo? location, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.ClassNotPartial, location, type.Name));
        if (type.IsRecord) diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedClass, location, type.Name, "is a record (its generated equality would compare workspaces)"));
        if (type.IsGenericType) diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedClass, location, type.Name, "is generic"));
        if (type.ContainingType is not null) diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedClass, location, type.Name, $"is nested in '{type.ContainingType.Name}'"));
        if (type.IsStatic) diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedClass, location, type.Name, "is static"));
        if (GeneratedNames.ClassNameClash(type.Name) is { } clash) diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameClashesWithGeneratedCode, location, type.Name, clash));
        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : "";
        if (GeneratedNames.IsReservedNamespace(ns)) diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameClashesWithGeneratedCode, location, type.Name, $"the namespace {ns}, where the generated code keeps its own types"));
        CheckMembers(type, diagnostics, cancellationToken);
        CheckBase(type, compilation, location, diagnostics, cancellationToken);
    }

    /// <summary>
    /// User members that the generated partial would declare again, and constructors that would bypass the generated
    /// one. The generator's own output is not part of the compilation it reads, so every member seen here is the user's.
    /// </summary>
    private static void CheckMembers(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || member.Locations.FirstOrDefault(l => l.IsInSource) is not { } memberLocation) continue;
            LocationInfo? location = LocationInfo.From(memberLocation);
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
            {
                CheckConstructor(type, constructor, location, diagnostics, cancellationToken);
                continue;
            }
            if (ClashingKind(member) is { } generated) diagnostics.Add(DiagnosticInfo.Create(Descriptors.MemberClashesWithGeneratedMember, location, type.Name, $"declares '{member.Name}'", generated));
        }
    }

    /// <summary>
    /// What the generated code declares under the member's name ("a method", "a constant, field, …"), or null when
    /// the member can live beside it: a method of a generated method's name is an overload, and operators, accessors
    /// and destructors have names the generated code never uses.
    /// </summary>
    private static string? ClashingKind(ISymbol member)
    {
        bool isMethod = member is IMethodSymbol { MethodKind: MethodKind.Ordinary };
        if (member is IMethodSymbol && !isMethod) return null;
        if (!GeneratedNames.OtherMembers.Contains(member.Name) && !(!isMethod && GeneratedNames.IsMethod(member.Name))) return null;
        return GeneratedNames.IsMethod(member.Name) ? "a method" : "a constant, field, property or nested type";
    }

    /// <summary>
    /// A constructor of the user's must chain to the generated one. A primary constructor cannot chain at all, and the
    /// compiler would make the generated constructor chain to it instead, so its fix is a constructor in the body.
    /// </summary>
    private static void CheckConstructor(INamedTypeSymbol type, IMethodSymbol constructor, LocationInfo? location, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var syntax = constructor.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).ToList();
        if (syntax.OfType<TypeDeclarationSyntax>().FirstOrDefault(t => t.ParameterList is not null) is { } primary)
        {
            string parameters = primary.ParameterList!.Parameters.ToString();
            string fix = $"a primary constructor cannot chain to another, so declare the parameters on a constructor in the class body that does: public {Identifiers.Escape(type.Name)}({parameters}) : this(seed: …) {{ … }}";
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.ConstructorSkipsInitialization, LocationInfo.From(primary.ParameterList) ?? location, Signature(constructor), type.Name, fix));
            return;
        }
        bool chains = syntax.Any(node => node is ConstructorDeclarationSyntax { Initializer: { } initializer } && initializer.IsKind(SyntaxKind.ThisConstructorInitializer));
        if (!chains) diagnostics.Add(DiagnosticInfo.Create(Descriptors.ConstructorSkipsInitialization, location, Signature(constructor), type.Name, "add ': this(seed: …)'"));
    }

    /// <summary>
    /// The base class must let the generated constructor call base() (an accessible constructor without required
    /// arguments), and must not already have members the generated partial declares (which would hide or fail to
    /// override them). Reported on the base type in the class's base list.
    /// </summary>
    private static void CheckBase(INamedTypeSymbol type, Compilation compilation, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (type.BaseType is not { } baseType || baseType.SpecialType == SpecialType.System_Object || baseType.TypeKind == TypeKind.Error) return;
        LocationInfo? location = BaseTypeLocation(type, baseType, compilation, cancellationToken) ?? classLocation;
        bool constructible = baseType.InstanceConstructors.Any(c =>
            c.Parameters.All(p => p.IsOptional || p.IsParams) && compilation.IsSymbolAccessibleWithin(c, type));
        if (!constructible)
        {
            string constructors = string.Join(", ", baseType.InstanceConstructors.Select(Signature));
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.BaseNotConstructible, location, type.Name, baseType.Name, constructors, Identifiers.Escape(type.Name)));
        }
        var reported = new HashSet<string>();
        for (INamedTypeSymbol? ancestor = baseType; ancestor is { SpecialType: not SpecialType.System_Object }; ancestor = ancestor.BaseType)
        {
            foreach (ISymbol member in ancestor.GetMembers())
            {
                if (member.IsImplicitlyDeclared || member.DeclaredAccessibility == Accessibility.Private || !reported.Add(member.Name)) continue;
                if (ClashingKind(member) is { } generated)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.MemberClashesWithGeneratedMember, location, type.Name, $"inherits '{member.Name}' from '{ancestor.Name}'", generated));
                }
            }
        }
    }

    /// <summary>Where the base class is named in one of the class's declarations (the first entry of a base list).</summary>
    private static LocationInfo? BaseTypeLocation(INamedTypeSymbol type, INamedTypeSymbol baseType, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax { BaseList.Types: { Count: > 0 } types }) continue;
            TypeSyntax first = types[0].Type;
            ITypeSymbol? named = compilation.GetSemanticModel(first.SyntaxTree).GetTypeInfo(first, cancellationToken).Type;
            if (SymbolEqualityComparer.Default.Equals(named?.OriginalDefinition, baseType.OriginalDefinition)) return LocationInfo.From(first);
        }
        return null;
    }

    private static string Signature(IMethodSymbol constructor) =>
        constructor.ContainingType.Name + "(" + string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")";
}
