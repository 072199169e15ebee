namespace CnnCompiler.CompilerServices;

public sealed partial class Network<TDefinition, TLoss, TTarget>
{
    /// <summary>Per layer (in layer-table order): whether its parameters are frozen.</summary>
    private readonly bool[] _frozen;

    /// <summary>The first layer with trainable parameters: backward stops there unless the input gradient is wanted.</summary>
    private int _firstTrainable;

    private float[]? _frozenBackup;

    /// <summary>
    /// Freezes (or unfreezes) the layer named <paramref name="layer"/>, or every part of a composite ("layer1.0" covers
    /// "layer1.0.conv1", …): training then leaves its parameters bitwise unchanged. Throws if no layer has that name.
    /// </summary>
    public void SetFrozen(string layer, bool frozen)
    {
        ArgumentNullException.ThrowIfNull(layer);
        IReadOnlyList<LayerInfo> layers = TDefinition.LayerList;
        bool found = false;
        for (int i = 0; i < layers.Count; i++)
        {
            if (!Covers(layer, layers[i].Name)) continue;
            found = true;
            _frozen[i] = frozen && layers[i].ParameterCount > 0;
        }
        if (!found) throw UnknownLayer(layer);
        UpdateFirstTrainable();
    }

    /// <summary>Whether every parameter layer named <paramref name="layer"/> (or inside it) is frozen.</summary>
    public bool IsFrozen(string layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        IReadOnlyList<LayerInfo> layers = TDefinition.LayerList;
        bool any = false;
        for (int i = 0; i < layers.Count; i++)
        {
            if (!Covers(layer, layers[i].Name) || layers[i].ParameterCount == 0) continue;
            if (!_frozen[i]) return false;
            any = true;
        }
        return any;
    }

    /// <summary>Whether the name <paramref name="layer"/> covers the layer <paramref name="candidate"/>: itself, or a part of it.</summary>
    private static bool Covers(string layer, string candidate) =>
        candidate == layer || (candidate.Length > layer.Length && candidate[layer.Length] == '.' && candidate.StartsWith(layer, StringComparison.Ordinal));

    private static ArgumentException UnknownLayer(string layer) =>
        new($"{TDefinition.Name} has no layer named '{layer}'; see LayerList for the names.", nameof(layer));

    private void UpdateFirstTrainable()
    {
        IReadOnlyList<LayerInfo> layers = TDefinition.LayerList;
        _firstTrainable = layers.Count;
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            if (layers[i].ParameterCount > 0 && !_frozen[i]) _firstTrainable = i;
        }
    }

    /// <summary>Copies frozen layers' parameters aside before an optimizer step (restore: the other way), so the step cannot move them.</summary>
    private void CopyFrozenParameters(bool restore)
    {
        if (_firstTrainable == 0 && Array.IndexOf(_frozen, true) < 0) return;
        _frozenBackup ??= new float[TDefinition.ParameterCount];
        IReadOnlyList<LayerInfo> layers = TDefinition.LayerList;
        // Each layer's parameters follow the previous layer's.
        int offset = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            int length = layers[i].ParameterCount;
            if (_frozen[i])
            {
                Span<float> live = _parameters.AsSpan(offset, length), kept = _frozenBackup.AsSpan(offset, length);
                if (restore) kept.CopyTo(live); else live.CopyTo(kept);
            }
            offset += length;
        }
    }
}
