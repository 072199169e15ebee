using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>The network's forward pass (every layer in order) and backward pass (every layer in reverse).</summary>
internal static class PassEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var wiring = new Wiring(network);
        w.Line("/// <summary>Runs every layer forward over <paramref name=\"count\"/> samples; the last layer's output holds the network's raw outputs.</summary>");
        using (w.Block("private void Forward(Workspace workspace, ReadOnlySpan<float> input, int count)"))
        {
            w.Line("ReadOnlySpan<float> parameters = _parameters;");
            foreach (LayerPlan layer in network.Layers)
            {
                if (layer.IsView) continue;
                string skip = layer.Kind == LayerKind.Add ? wiring.Output(layer.SkipFrom) + ", " : "";
                w.Line($"Layers.{layer.Identifier}.Forward(parameters, {wiring.Output(layer.InputFrom)}, {skip}{wiring.Output(layer.Index)}, workspace, count);");
            }
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs every layer backward, last to first, from the output gradient in the last layer's gradient buffer:");
        w.Line("/// adds each layer's parameter gradient into <paramref name=\"parameterGradients\"/> and, when <paramref name=\"inputGradient\"/> is not empty, fills it.");
        w.Line("/// </summary>");
        using (w.Block("private void Backward(Workspace workspace, ReadOnlySpan<float> input, Span<float> inputGradient, Span<float> parameterGradients, int count)"))
        {
            w.Line("ReadOnlySpan<float> parameters = _parameters;");
            int firstWithParameters = network.Layers.FirstOrDefault(l => l.ParameterCount > 0)?.Index ?? network.Layers.Count;
            for (int i = network.Layers.Count - 1; i >= 0; i--)
            {
                LayerPlan layer = network.Layers[i];
                if (layer.IsView) continue;
                string inputGradient = wiring.GradientTarget(layer.InputFrom, i);
                string skip = layer.Kind == LayerKind.Add ? wiring.GradientTarget(layer.SkipFrom, i) + ", " : "";
                string call = $"Layers.{layer.Identifier}.Backward(parameters, {wiring.Output(layer.InputFrom)}, {wiring.Output(i)}, {wiring.Gradient(i)}, {{0}}, {skip}parameterGradients, workspace, count);";
                if (i < firstWithParameters)
                {
                    // Layers before the first parameter layer only carry gradients to the input: they run only when it is wanted.
                    w.Line("if (!inputGradient.IsEmpty) " + string.Format(System.Globalization.CultureInfo.InvariantCulture, call, inputGradient));
                }
                else if (i == firstWithParameters && inputGradient != "inputGradient")
                {
                    w.Line(string.Format(System.Globalization.CultureInfo.InvariantCulture, call, $"inputGradient.IsEmpty ? Span<float>.Empty : {inputGradient}"));
                }
                else
                {
                    w.Line(string.Format(System.Globalization.CultureInfo.InvariantCulture, call, inputGradient));
                }
                foreach (int producer in wiring.SumsAfter(i))
                {
                    string id = network.Layers[producer].Identifier;
                    string main = $"workspace.{id}Gradient.AsSpan(0, count * Layers.{id}.OutputLength)";
                    w.Line($"// {network.Layers[producer].Name} feeds several layers: its gradient is the sum of theirs.");
                    foreach (string extra in wiring.ExtraGradientFields(producer))
                    {
                        w.Line($"TensorPrimitives.Add({main}, workspace.{extra}.AsSpan(0, count * Layers.{id}.OutputLength), {main});");
                    }
                }
            }
        }
    }
}
