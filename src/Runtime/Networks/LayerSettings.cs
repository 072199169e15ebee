using System.Collections;
using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// A layer's structural settings by name: what a tool needs to rebuild the layer elsewhere. Generated layer tables
/// write them per kind; the values are integers, integer arrays (one per spatial axis), floats, booleans or words:
///
/// <list type="table">
/// <item><term>Conv1D/2D/3D</term><description>filters, kernel, stride, dilation, groups, pad_begin, pad_end, bias, activation, alpha</description></item>
/// <item><term>MaxPool/AvgPool 1D–3D</term><description>kernel, stride, pad_begin, pad_end, count_include_pad (average pools)</description></item>
/// <item><term>Dense</term><description>units, bias, activation, alpha</description></item>
/// <item><term>ReLU, LeakyReLU, ELU, GELU, Sigmoid, Tanh, ReLU6, Hardswish, Hardsigmoid, SiLU</term><description>activation, alpha</description></item>
/// <item><term>BatchNorm</term><description>epsilon, momentum</description></item>
/// <item><term>Dropout</term><description>rate</description></item>
/// </list>
///
/// Activations are named as the <c>Activation</c> enum names them (None, ReLU, Sigmoid, Tanh, LeakyReLU, ELU, GELU,
/// ReLU6, Hardswish, Hardsigmoid, SiLU);
/// alpha is LeakyReLU's slope or ELU's α. Padding is per axis, before (top, left, …) and after (bottom, right, …).
/// </summary>
public sealed class LayerSettings : IReadOnlyCollection<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>No settings.</summary>
    public static LayerSettings Empty { get; } = new();

    /// <summary>A setting's value (set once, by the generated table's initializer).</summary>
    public object this[string name]
    {
        get => _values.TryGetValue(name, out object? value) ? value : throw Missing(name);
        init => _values.Add(name, value);
    }

    /// <summary>Settings in this layer.</summary>
    public int Count => _values.Count;

    /// <summary>Whether the layer has a setting of that name.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>An integer setting (filters, units, groups).</summary>
    public int Int(string name) => this[name] is int value ? value : throw WrongType(name, "an integer");

    /// <summary>A setting with one integer per spatial axis (kernel, stride, padding), outermost axis first.</summary>
    public int[] Ints(string name) => this[name] is int[] values ? (int[])values.Clone() : throw WrongType(name, "integers");

    /// <summary>A number setting (alpha, epsilon, momentum, rate).</summary>
    public float Float(string name) => this[name] is float value ? value : throw WrongType(name, "a number");

    /// <summary>A yes/no setting (bias, count_include_pad).</summary>
    public bool Bool(string name) => this[name] is bool value ? value : throw WrongType(name, "true or false");

    /// <summary>A word setting (activation).</summary>
    public string Text(string name) => this[name] is string value ? value : throw WrongType(name, "a word");

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"kernel=5×5, stride=1×1, …": every setting, in the order the table wrote them.</summary>
    public override string ToString() => string.Join(", ", _values.Select(pair => $"{pair.Key}={Format(pair.Value)}"));

    private static string Format(object value) => value switch
    {
        int[] values => string.Join("×", values),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private KeyNotFoundException Missing(string name) =>
        new($"The layer has no setting '{name}' (it has: {(Count == 0 ? "none" : string.Join(", ", _values.Keys))}).");

    private InvalidCastException WrongType(string name, string expected) =>
        new($"The layer's setting '{name}' is {Format(_values[name])}, not {expected}.");
}
