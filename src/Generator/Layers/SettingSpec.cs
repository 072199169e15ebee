using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// One structural setting of a layer as the generated layer table writes it into the runtime's <c>LayerSettings</c>:
/// its name and its value as a C# expression (an int, an int array, a float, a bool or a string).
/// </summary>
/// <param name="Name">The setting's name (kernel, stride, pad_begin, activation, epsilon, …).</param>
/// <param name="Literal">The value as C# source.</param>
internal sealed record SettingSpec(string Name, string Literal)
{
    public static SettingSpec Int(string name, int value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    public static SettingSpec Ints(string name, IEnumerable<int> values) =>
        new(name, "new[] { " + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + " }");

    public static SettingSpec Float(string name, float value) => new(name, value.ToString("R", CultureInfo.InvariantCulture) + "f");

    public static SettingSpec Bool(string name, bool value) => new(name, value ? "true" : "false");

    public static SettingSpec Text(string name, string value) => new(name, "\"" + value + "\"");

    /// <summary>An activation (fused or stand-alone) and, for LeakyReLU and ELU, the slope or α it runs with.</summary>
    public static IEnumerable<SettingSpec> Activation(LayerDecl layer)
    {
        yield return Text("activation", layer.Activation.ToString());
        if (layer.Activation is ActivationKind.LeakyReLU or ActivationKind.ELU) yield return Float("alpha", ActivationLayer.Alpha(layer));
    }

    /// <summary>A window's geometry: kernel, effective stride, and padding before and after on each spatial axis.</summary>
    public static IEnumerable<SettingSpec> Window(LayerPlan layer)
    {
        yield return Ints("kernel", layer.Decl.Kernel);
        yield return Ints("stride", layer.Stride);
        yield return Ints("pad_begin", layer.PadBegin);
        yield return Ints("pad_end", layer.PadEnd);
    }
}
