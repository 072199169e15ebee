using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Keeps <see cref="GeneratedNames"/> equal to what the emitters write: the members of generated classes, and every
/// simple name in generated code that a network class of the same name would break.
/// </summary>
public sealed class GeneratedNamesTests
{
    // Between them these use every emitter: conv, pooling, BatchNorm, dropout, residual add, global pooling, dense,
    // activations, and the three losses (classifier and regressor APIs).
    private const string Networks = """
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
    public void The_member_table_lists_exactly_the_members_of_generated_classes()
    {
        GeneratorResult result = GeneratorHarness.Run(Networks);
        Assert.Empty(result.Errors);
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ClassDeclarationSyntax network in GeneratedTrees(result).SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => ClassNames.Contains(c.Identifier.Text)))
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
                    case PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property:
                        others.Add(property.Identifier.Text);
                        break;
                    case FieldDeclarationSyntax field:
                        foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables) others.Add(variable.Identifier.Text);
                        break;
                    case BaseTypeDeclarationSyntax type:
                        others.Add(type.Identifier.Text);
                        break;
                }
            }
        }
        // Chunk methods (ForwardLayers0To15, …) are named by their layers: the table lists their prefixes, and Everything
        // has enough layers (two chunks) to get every kind.
        Assert.Equal(GeneratedNames.Methods.Order(StringComparer.Ordinal), methods.Where(m => GeneratedNames.ChunkMethodPrefix(m) is null));
        Assert.Equal(GeneratedNames.ChunkMethodPrefixes.Order(StringComparer.Ordinal), methods.Select(GeneratedNames.ChunkMethodPrefix).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(GeneratedNames.OtherMembers.Order(StringComparer.Ordinal), others);
    }

    /// <summary>
    /// Every name the generated code looks up by simple name and finds outside the network class (a type or a
    /// namespace) is in the table: a network class of that name would be found first and break the generated code.
    /// </summary>
    [Fact]
    public void The_referenced_type_table_lists_exactly_the_outside_names_the_generated_code_looks_up()
    {
        GeneratorResult result = GeneratorHarness.Run(Networks);
        Assert.Empty(result.Errors);
        var outside = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in GeneratedTrees(result))
        {
            SemanticModel model = result.Output.GetSemanticModel(tree);
            foreach (SimpleNameSyntax name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (IsQualified(name)) continue; // x.Name and A.Name are not simple-name lookups
                ISymbol? symbol = model.GetSymbolInfo(name).Symbol ?? model.GetTypeInfo(name).Type;
                if (symbol is INamespaceSymbol || (symbol is INamedTypeSymbol type && !IsInsideNetwork(type)))
                {
                    outside.Add(name.Identifier.Text);
                }
            }
        }
        Assert.Empty(outside.Except(GeneratedNames.ReferencedTypes.Keys));
        Assert.Empty(GeneratedNames.ReferencedTypes.Keys.Except(outside));
    }

    [Theory]
    [InlineData("ForwardLayers0To15", "ForwardLayers")]
    [InlineData("BackwardLayers16To31", "BackwardLayers")]
    [InlineData("TensorsOfLayers208To223", "TensorsOfLayers")]
    [InlineData("ForwardLayers", null)]
    [InlineData("ForwardLayers0To", null)]
    [InlineData("ForwardLayersTo15", null)]
    [InlineData("ForwardLayers0x15", null)]
    [InlineData("Forward", null)]
    public void Chunk_method_names_are_recognized(string name, string? prefix)
    {
        Assert.Equal(prefix, GeneratedNames.ChunkMethodPrefix(name));
        Assert.Equal(prefix is not null || GeneratedNames.Methods.Contains(name), GeneratedNames.IsMethod(name));
    }

    [Fact]
    public void Classes_named_like_every_referenced_type_are_reported_and_generate_nothing()
    {
        string source = "using CnnCompiler;\n" + string.Concat(GeneratedNames.ReferencedTypes.Keys.Select(name =>
            $"namespace N_{name}\n{{\n[Network(1, 4)]\n[Dense(2)]\n[SoftmaxCrossEntropy]\npublic partial class {name};\n}}\n"));
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.Run.Results[0].GeneratedSources);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(GeneratedNames.ReferencedTypes.Count, result.GeneratorDiagnostics.Count(d => d.Id == "CNN0022"));
    }

    private static bool IsQualified(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name
        || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name
        || name.Parent is MemberBindingExpressionSyntax
        || name.Parent is AliasQualifiedNameSyntax
        || name.Ancestors().Any(a => a is UsingDirectiveSyntax or BaseNamespaceDeclarationSyntax && !a.IsKind(SyntaxKind.FileScopedNamespaceDeclaration) && a is not NamespaceDeclarationSyntax)
        || name.Ancestors().OfType<UsingDirectiveSyntax>().Any()
        || name.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.Span.Contains(name.Span));

    private static bool IsInsideNetwork(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (ClassNames.Contains(current.Name) && current.ContainingNamespace.Name == "Names") return true;
        }
        return false;
    }

    private static IEnumerable<SyntaxTree> GeneratedTrees(GeneratorResult result) =>
        result.Run.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SyntaxTree);
}
