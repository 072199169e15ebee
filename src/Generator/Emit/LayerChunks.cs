using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The network's layers in consecutive runs of at most <see cref="Size"/> (one fewer when the next run starts with a
/// BatchNorm folded into the layer before it: the two stay together). RyuJIT compiles a method without optimizations
/// (MinOpts) when it has more than 60,000 bytes of IL, 2,000 basic blocks, 2,000 locals or 8,000 local references, and
/// the network-level methods that do something per layer (the passes, the constructor, the workspace's constructor, the
/// layer and tensor tables) would grow with the depth. A network with more than one chunk therefore gets one private method per chunk for each of
/// them (<c>ForwardLayers0To15</c>, …), called in order, so that every method stays the same size however deep the
/// network is; a network of one chunk keeps them inline.
/// </summary>
internal sealed class LayerChunks
{
    /// <summary>Layers per chunk: small enough that no chunk method comes near the JIT's limits, large enough that a
    /// ResNet-110 has fewer than 30 chunks.</summary>
    public const int Size = 16;

    /// <summary>The comment the generated code puts where a method calls its chunks.</summary>
    public static readonly string Comment = $"// In chunks of at most {Size} layers, one method each, so that no method grows with the network's depth: RyuJIT does not optimize a method over 60,000 bytes of IL or 2,000 basic blocks.";

    /// <summary>The comment of a static table built from chunk methods.</summary>
    public static readonly string TableComment = $"// In chunks of at most {Size} layers, one method each, so that the static constructor does not grow with the network's depth (RyuJIT does not optimize a method over 60,000 bytes of IL).";

    private readonly NetworkPlan _network;

    public LayerChunks(NetworkPlan network)
    {
        _network = network;
        var ranges = new List<LayerRange>();
        int first = 0;
        while (first < network.Layers.Count)
        {
            int last = System.Math.Min(first + Size, network.Layers.Count) - 1;
            // A convolution (or dense layer) and the BatchNorm folded into it run as one at inference: the pair starts the next chunk.
            if (last + 1 < network.Layers.Count && network.Layers[last + 1].FoldedIntoPrevious) last--;
            ranges.Add(new LayerRange(first, last));
            first = last + 1;
        }
        Ranges = ranges;
    }

    /// <summary>The chunks in layer order.</summary>
    public IReadOnlyList<LayerRange> Ranges { get; }

    /// <summary>Whether the network has more than one chunk, and so chunk methods.</summary>
    public bool IsSplit => Ranges.Count > 1;

    /// <summary>The layers of a chunk, in order.</summary>
    public IEnumerable<LayerPlan> LayersOf(LayerRange range)
    {
        for (int i = range.First; i <= range.Last; i++) yield return _network.Layers[i];
    }

    /// <summary>"conv1 … layer1.1.relu2": the names of the first and last layers of a chunk, for its summary.</summary>
    public string Names(LayerRange range) => range.First == range.Last
        ? _network.Layers[range.First].Name
        : _network.Layers[range.First].Name + " … " + _network.Layers[range.Last].Name;
}

/// <summary>Layers <paramref name="First"/> to <paramref name="Last"/> (indices in the network, both included).</summary>
internal readonly record struct LayerRange(int First, int Last)
{
    /// <summary>The name suffix of the chunk's methods: <c>Layers0To15</c>.</summary>
    public string Suffix => $"Layers{First}To{Last}";
}
