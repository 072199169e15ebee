namespace CnnCompiler.Training.Tests.Support;

/// <summary>Named tensors of a network through <see cref="INetwork"/> (generated classes also expose a static table).</summary>
internal static class NamedTensors
{
    public static Span<float> Values(INetwork network, string name) => network.Tensors.Single(t => t.Name == name).Values(network);
}
