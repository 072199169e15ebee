using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>The one table of layer kinds: every kind a plan can hold has exactly one unit, and no unit is listed twice.</summary>
public sealed class LayerKindsTests
{
    /// <summary>Kinds that never reach a plan: a basic block expands into convolutions, BatchNorms, ReLUs and an add; losses close the network.</summary>
    private static readonly LayerKind[] DeclarationOnly =
        [LayerKind.BasicBlock, LayerKind.SoftmaxCrossEntropy, LayerKind.MeanSquaredError, LayerKind.BinaryCrossEntropy];

    [Fact]
    public void Every_kind_a_plan_can_hold_is_run_by_exactly_one_unit()
    {
        var registered = LayerKinds.All.SelectMany(unit => unit.Kinds).ToList();
        Assert.Equal(registered.Count, registered.Distinct().Count());
        var expected = Enum.GetValues<LayerKind>().Except(DeclarationOnly).Order();
        Assert.Equal(expected, registered.Order());
    }

    [Fact]
    public void Every_unit_is_registered_once()
    {
        Assert.Equal(LayerKinds.All.Length, LayerKinds.All.Select(unit => unit.GetType()).Distinct().Count());
        var unitTypes = typeof(ILayerKernel).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(ILayerKernel).IsAssignableFrom(t));
        Assert.Equal(unitTypes.OrderBy(t => t.Name), LayerKinds.All.Select(unit => unit.GetType()).OrderBy(t => t.Name));
    }
}
