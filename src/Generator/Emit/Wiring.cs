using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// Which buffer each layer reads and writes, forward and backward. A layer output read by several layers (a residual
/// source) gets one gradient buffer per extra reader: each reader's backward writes its own, and the sum is formed
/// right after the lowest-index reader (the last to run backward) has written the main buffer.
/// </summary>
internal sealed class Wiring
{
    private readonly NetworkPlan _network;
    private readonly Dictionary<int, List<int>> _readers = [];

    public Wiring(NetworkPlan network)
    {
        _network = network;
        foreach (LayerPlan layer in network.Layers)
        {
            if (layer.IsView) continue;
            AddReader(Producer(layer.InputFrom), layer.Index);
            if (layer.SkipFrom >= 0) AddReader(Producer(layer.SkipFrom), layer.Index);
        }
    }

    private void AddReader(int producer, int reader)
    {
        if (!_readers.TryGetValue(producer, out List<int>? list)) _readers[producer] = list = [];
        list.Add(reader);
    }

    /// <summary>The layer that owns the buffer of <paramref name="index"/>'s output: views resolve to what they view.</summary>
    public int Producer(int index) => index >= 0 && _network.Layers[index].IsView ? Producer(_network.Layers[index].InputFrom) : index;

    /// <summary>The expression for the output of layer <paramref name="index"/> (−1: the network input).</summary>
    public string Output(int index)
    {
        int producer = Producer(index);
        return producer < 0 ? "input" : $"ws.{_network.Layers[producer].Identifier}Output";
    }

    /// <summary>The main gradient buffer of layer <paramref name="index"/>'s output (−1: the caller's input gradient).</summary>
    public string Gradient(int index)
    {
        int producer = Producer(index);
        return producer < 0 ? "inputGradient" : $"ws.{_network.Layers[producer].Identifier}Gradient";
    }

    /// <summary>
    /// Where <paramref name="reader"/>'s backward writes the gradient for its input <paramref name="index"/>;
    /// <paramref name="skip"/> for its second input. A layer that reads one output twice (an add or gate naming the
    /// layer right before it) is that output's reader twice: its second input's gradient goes to the second slot's
    /// buffer, and the two are summed after its backward.
    /// </summary>
    public string GradientTarget(int index, int reader, bool skip = false)
    {
        int producer = Producer(index);
        List<int> readers = Readers(producer);
        int position = skip ? readers.LastIndexOf(reader) : readers.IndexOf(reader);
        return position <= 0 ? Gradient(producer) : ExtraGradient(producer, position);
    }

    /// <summary>The extra gradient buffers of <paramref name="producer"/> (one per reader beyond the first).</summary>
    public IEnumerable<string> ExtraGradientFields(int producer)
    {
        List<int> readers = Readers(producer);
        for (int position = 1; position < readers.Count; position++) yield return $"{Stem(producer)}Gradient{position + 1}";
    }

    /// <summary>Producers whose gradient must be summed right after <paramref name="reader"/>'s backward.</summary>
    public IEnumerable<int> SumsAfter(int reader)
    {
        foreach (KeyValuePair<int, List<int>> pair in _readers)
        {
            if (pair.Value.Count > 1 && Readers(pair.Key)[0] == reader) yield return pair.Key;
        }
    }

    private string ExtraGradient(int producer, int position) => $"ws.{Stem(producer)}Gradient{position + 1}";

    /// <summary>The name stem of a producer's buffers: its identifier, or "Input" for the network input.</summary>
    private string Stem(int producer) => producer < 0 ? "Input" : _network.Layers[producer].Identifier;

    private List<int> Readers(int producer)
    {
        if (!_readers.TryGetValue(producer, out List<int>? readers)) return [];
        readers.Sort();
        return readers;
    }
}
