using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// The one table of layer kinds: every layer attribute is declared by exactly one unit, every kind by one declaration,
/// every kind a plan can hold is run by exactly one kernel, and no unit is listed twice or left out.
/// </summary>
public sealed class LayerKindsTests
{
    /// <summary>Kinds that never reach a plan: a basic block expands into convolutions, BatchNorms, ReLUs and an add; losses close the network.</summary>
    private static readonly LayerKind[] DeclarationOnly =
        [LayerKind.BasicBlock, LayerKind.SoftmaxCrossEntropy, LayerKind.MeanSquaredError, LayerKind.BinaryCrossEntropy];

    [Fact]
    public void Every_layer_attribute_is_declared_by_exactly_one_unit()
    {
        var declared = LayerKinds.All.SelectMany(unit => unit.Declaration.AttributeNames).ToList();
        Assert.Equal(declared.Count, declared.Distinct().Count());
        var attributes = typeof(NetworkAttribute).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(LayerAttribute).IsAssignableFrom(t))
            .Select(t => t.Name.Substring(0, t.Name.Length - "Attribute".Length));
        Assert.Equal(attributes.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_kind_is_declared_once_and_every_kind_a_plan_can_hold_is_run_by_exactly_one_kernel()
    {
        var declared = LayerKinds.All.SelectMany(unit => unit.Declaration.Kinds).ToList();
        Assert.Equal(Enum.GetValues<LayerKind>().Order(), declared.Order());
        var run = LayerKinds.All.Where(unit => unit.Kernel is not null).SelectMany(unit => unit.Kernel!.Kinds).ToList();
        Assert.Equal(Enum.GetValues<LayerKind>().Except(DeclarationOnly).Order(), run.Order());
        // A unit's kernel runs the kinds its declaration declares (pooling: max and average; global pooling: both).
        foreach (LayerKindUnit unit in LayerKinds.All.Where(unit => unit.Kernel is not null))
        {
            Assert.Equal(unit.Declaration.Kinds.Order(), unit.Kernel!.Kinds.Order());
        }
    }

    /// <summary>
    /// The public Activation enum and the generator's ActivationKind agree name for name and value for value (the
    /// generator reads the attribute's integer), and every function but the identity has a stand-alone attribute.
    /// </summary>
    [Fact]
    public void Every_activation_has_its_kind_and_a_stand_alone_attribute()
    {
        Assert.Equal(Enum.GetValues<Activation>().Select(a => ((int)a, a.ToString())), Enum.GetValues<ActivationKind>().Select(a => ((int)a, a.ToString())));
        var standAlone = new ActivationDeclaration().AttributeNames;
        Assert.Equal(Enum.GetNames<Activation>().Where(n => n != "None").Order(StringComparer.Ordinal), standAlone.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_unit_class_is_registered_once()
    {
        var types = typeof(ILayerKernel).Assembly.GetTypes().Where(t => !t.IsAbstract && !t.IsInterface).ToList();
        var kernels = types.Where(typeof(ILayerKernel).IsAssignableFrom).OrderBy(t => t.Name);
        var declarations = types.Where(typeof(ILayerDeclaration).IsAssignableFrom).OrderBy(t => t.Name);
        Assert.Equal(kernels, LayerKinds.All.Where(u => u.Kernel is not null).Select(u => u.Kernel!.GetType()).OrderBy(t => t.Name));
        Assert.Equal(declarations, LayerKinds.All.Select(u => u.Declaration.GetType()).OrderBy(t => t.Name));
    }
}
