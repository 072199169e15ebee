using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>One layer kind: how it is declared, and how its plans run (none for kinds that expand into others' plans, or close the network).</summary>
/// <param name="Declaration">The attributes, parsing, names and shape inference.</param>
/// <param name="Kernel">The kernel decision and generated code of its plans; null when it adds no plan of its own kind.</param>
internal sealed record LayerKindUnit(ILayerDeclaration Declaration, ILayerKernel? Kernel);

/// <summary>
/// The one table of layer kinds. Every attribute and every kind a plan can hold belongs to exactly one unit here
/// (LayerKindsTests checks it), so adding a kind means adding its folder under Layers/ and one line below.
/// </summary>
internal static class LayerKinds
{
    public static readonly LayerKindUnit[] All =
    [
        new(new ConvDeclaration(), new ConvLayer()),
        new(new PoolDeclaration(), new PoolLayer()),
        new(new DenseDeclaration(), new DenseLayer()),
        new(new FlattenDeclaration(), new FlattenLayer()),
        new(new ActivationDeclaration(), new ActivationLayer()),
        new(new BatchNormDeclaration(), new BatchNormLayer()),
        new(new DropoutDeclaration(), new DropoutLayer()),
        new(new GlobalPoolDeclaration(), new GlobalPoolLayer()),
        new(new AddDeclaration(), new AddLayer()),
        new(new UpsampleDeclaration(), new UpsampleLayer()),
        new(new MultiplyDeclaration(), new MultiplyLayer()),
        new(new BasicBlockDeclaration(), Kernel: null),
        new(new LossDeclaration(), Kernel: null),
    ];

    private static readonly Dictionary<string, ILayerDeclaration> ByAttribute = IndexAttributes();
    private static readonly Dictionary<LayerKind, ILayerDeclaration> DeclarationsByKind = IndexDeclarations();
    private static readonly Dictionary<LayerKind, ILayerKernel> KernelsByKind = IndexKernels();

    /// <summary>The unit that declares layers with this attribute name ("Conv2D"), or null for an unknown attribute.</summary>
    public static ILayerDeclaration? Declaring(string attributeName) => ByAttribute.TryGetValue(attributeName, out ILayerDeclaration? unit) ? unit : null;

    /// <summary>The unit that declares <paramref name="layer"/>'s kind.</summary>
    public static ILayerDeclaration Declaration(LayerDecl layer) => DeclarationsByKind[layer.Kind];

    /// <summary>The unit that runs <paramref name="layer"/>'s kind.</summary>
    public static ILayerKernel For(LayerPlan layer) => KernelsByKind[layer.Kind];

    private static Dictionary<string, ILayerDeclaration> IndexAttributes()
    {
        var byName = new Dictionary<string, ILayerDeclaration>(System.StringComparer.Ordinal);
        foreach (LayerKindUnit unit in All)
        {
            foreach (string name in unit.Declaration.AttributeNames) byName.Add(name, unit.Declaration);
        }
        return byName;
    }

    private static Dictionary<LayerKind, ILayerDeclaration> IndexDeclarations()
    {
        var byKind = new Dictionary<LayerKind, ILayerDeclaration>();
        foreach (LayerKindUnit unit in All)
        {
            foreach (LayerKind kind in unit.Declaration.Kinds) byKind.Add(kind, unit.Declaration);
        }
        return byKind;
    }

    private static Dictionary<LayerKind, ILayerKernel> IndexKernels()
    {
        var byKind = new Dictionary<LayerKind, ILayerKernel>();
        foreach (LayerKindUnit unit in All)
        {
            if (unit.Kernel is null) continue;
            foreach (LayerKind kind in unit.Kernel.Kinds) byKind.Add(kind, unit.Kernel);
        }
        return byKind;
    }
}
