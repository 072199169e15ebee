using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Keeps <see cref="GeneratedNames"/> equal to what the emitter writes into the user's class, and checks the rule that
/// makes generated code compile beside any user name: the user's part names everything <c>global::</c>-qualified, and
/// the generator's own namespace finds every outside name through its <c>using global::…</c> directives.
/// </summary>
public sealed class GeneratedNamesTests
{
    // Between them these use every emitter: conv, pooling, BatchNorm, dropout, residual add, global pooling, dense,
    // activations, and the three losses (classifier and regressor APIs).
    internal const string Networks = """
        using CnnCompiler;
        namespace Names;

        [Network(2, 10, 10)]
        [Conv2D(4, 3, Padding = Padding.Same, Name = "stem")]
        [BatchNorm]
        [ReLU]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.GELU)]
        [Add("stem")]
        [MaxPool2D(2)]
        [AvgPool2D(1)]
        [BasicBlock(8, Stride = 2)]
        [GlobalAveragePool]
        [Dropout(0.25f)]
        [Dense(6, Activation = Activation.Tanh)]
        [Dense(3)]
        [SoftmaxCrossEntropy]
        public partial class Everything;

        [Network(1, 16)]
        [Conv1D(3, 3, Activation = Activation.ELU)]
        [MaxPool1D(2)]
        [GlobalMaxPool]
        [Dense(2)]
        [MeanSquaredError]
        public partial class Regressor;

        [Network(1, 4, 4, 4)]
        [Conv3D(2, 2)]
        [AvgPool3D(3)]
        [Flatten]
        [Dense(1, Activation = Activation.Sigmoid)]
        [BinaryCrossEntropy]
        public partial class Probability;
        """;

    private static readonly string[] ClassNames = ["Everything", "Regressor", "Probability"];

    [Fact]
    public void The_member_table_lists_exactly_the_members_the_generated_part_adds_to_the_users_class()
    {
        GeneratorResult result = GeneratorHarness.Run(Networks);
        Assert.Empty(result.Errors);
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ClassDeclarationSyntax network in UserParts(result))
        {
            foreach (MemberDeclarationSyntax member in network.Members)
            {
                switch (member)
                {
                    case ConstructorDeclarationSyntax:
                        break;
                    case MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method:
                        methods.Add(method.Identifier.Text);
                        break;
                    case MethodDeclarationSyntax or PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: not null }:
                        break;
                    case PropertyDeclarationSyntax property:
                        others.Add(property.Identifier.Text);
                        break;
                    case FieldDeclarationSyntax field:
                        foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables) others.Add(variable.Identifier.Text);
                        break;
                    default:
                        Assert.Fail($"The generated part of the user's class declares {member.Kind()}, which the table does not cover.");
                        break;
                }
            }
        }
        Assert.Equal(GeneratedNames.Methods.Order(StringComparer.Ordinal), methods);
        Assert.Equal(GeneratedNames.OtherMembers.Order(StringComparer.Ordinal), others);
    }

    /// <summary>
    /// Inside the user's class, the generated part looks nothing up by simple name except its own members and
    /// parameters: every type is <c>global::</c>-qualified, so no type, namespace or member the user declares can capture it.
    /// </summary>
    [Fact]
    public void The_users_part_names_only_its_own_members_and_global_qualified_names()
    {
        GeneratorResult result = GeneratorHarness.Run(Networks);
        Assert.Empty(result.Errors);
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ClassDeclarationSyntax network in UserParts(result))
        {
            SemanticModel model = result.Output.GetSemanticModel(network.SyntaxTree);
            INamedTypeSymbol self = model.GetDeclaredSymbol(network)!;
            foreach (SimpleNameSyntax name in network.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (IsQualified(name)) continue;
                ISymbol? symbol = model.GetSymbolInfo(name).Symbol;
                bool own = symbol is IParameterSymbol or ILocalSymbol
                    || (symbol is not null && SymbolEqualityComparer.Default.Equals(symbol.ContainingType, self));
                if (!own) offenders.Add($"{name.Identifier.Text} ({symbol?.Kind.ToString() ?? "unbound"})");
            }
        }
        Assert.Empty(offenders);
    }

    /// <summary>
    /// In the generator's own namespace every outside name is found through its using directives (which come before any
    /// enclosing namespace), never in the global namespace or CnnCompiler's where a user type could stand, and no
    /// contextual keyword (var) is used that a user type of that name would turn into a type.
    /// </summary>
    [Fact]
    public void The_support_namespace_finds_every_outside_name_through_its_using_directives()
    {
        GeneratorResult result = GeneratorHarness.Run(Networks);
        Assert.Empty(result.Errors);
        var imported = new HashSet<string>(RuntimeNames.SupportUsings.Select(u => u.Substring("global::".Length)), StringComparer.Ordinal);
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in GeneratedTrees(result))
        {
            SemanticModel model = result.Output.GetSemanticModel(tree);
            NamespaceDeclarationSyntax support = tree.GetRoot().DescendantNodes().OfType<NamespaceDeclarationSyntax>()
                .Single(n => n.Name.ToString() == RuntimeNames.SupportNamespace);
            foreach (SimpleNameSyntax name in support.Members.SelectMany(m => m.DescendantNodesAndSelf()).OfType<SimpleNameSyntax>())
            {
                if (name.IsVar) offenders.Add("var");
                if (IsQualified(name)) continue;
                ISymbol? symbol = model.GetSymbolInfo(name).Symbol ?? model.GetTypeInfo(name).Type;
                if (symbol is INamedTypeSymbol { ContainingType: null } type && !IsDeclaredIn(type, tree)
                    && !imported.Contains(type.ContainingNamespace.ToDisplayString()))
                {
                    offenders.Add($"{name.Identifier.Text} ({type.ToDisplayString()})");
                }
                if (symbol is INamespaceSymbol) offenders.Add($"{name.Identifier.Text} (namespace)");
            }
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void Classes_named_like_a_generated_member_or_inside_the_generators_namespace_are_reported_and_generate_nothing()
    {
        string[] members = [.. GeneratedNames.Methods, .. GeneratedNames.OtherMembers.Where(n => !n.StartsWith('_'))];
        string source = "using CnnCompiler;\n" + string.Concat(members.Select(name =>
            $"namespace N_{name}\n{{\n[Network(1, 4)]\n[Dense(2)]\n[SoftmaxCrossEntropy]\npublic partial class {name};\n}}\n"))
            + "namespace CnnCompiler.Generated.Mine\n{\n[Network(1, 4)]\n[Dense(2)]\n[SoftmaxCrossEntropy]\npublic partial class Definition;\n}\n";
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.Run.Results[0].GeneratedSources);
        Assert.Equal(members.Length + 1, result.GeneratorDiagnostics.Count(d => d.Id == "CNN0022"));
    }

    private static IEnumerable<ClassDeclarationSyntax> UserParts(GeneratorResult result) =>
        GeneratedTrees(result).SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => ClassNames.Contains(c.Identifier.Text));

    private static bool IsDeclaredIn(INamedTypeSymbol type, SyntaxTree tree) =>
        type.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == tree);

    private static bool IsQualified(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name
        || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name
        || name.Parent is MemberBindingExpressionSyntax
        || name.Parent is AliasQualifiedNameSyntax
        || name.Ancestors().OfType<UsingDirectiveSyntax>().Any()
        || name.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.Span.Contains(name.Span))
        || name.Parent is NameColonSyntax or NameEqualsSyntax;

    private static IEnumerable<SyntaxTree> GeneratedTrees(GeneratorResult result) =>
        result.Run.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SyntaxTree);
}
