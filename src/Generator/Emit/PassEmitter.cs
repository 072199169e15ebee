using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>The network's forward pass (every layer in order) and backward pass (every layer in reverse).</summary>
internal static class PassEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        w.Line("/// <summary>Runs every layer forward over <paramref name=\"count\"/> samples; the logits end in the last layer's output.</summary>");
        using (w.Block("private void Forward(Workspace workspace, ReadOnlySpan<float> input, int count)"))
        {
            w.Line("ReadOnlySpan<float> parameters = _parameters;");
            for (int i = 0; i < network.Layers.Count; i++)
            {
                LayerPlan layer = network.Layers[i];
                if (layer.IsView) continue;
                w.Line($"Layers.{layer.Identifier}.Forward(parameters, {WorkspaceEmitter.OutputOf(network, i - 1)}, {WorkspaceEmitter.OutputOf(network, i)}, workspace, count);");
            }
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs every layer backward, last to first, from the logit gradient in the last layer's gradient buffer:");
        w.Line("/// adds each layer's parameter gradient into <paramref name=\"parameterGradients\"/> and, when <paramref name=\"inputGradient\"/> is not empty, fills it.");
        w.Line("/// </summary>");
        using (w.Block("private void Backward(Workspace workspace, ReadOnlySpan<float> input, Span<float> inputGradient, Span<float> parameterGradients, int count)"))
        {
            w.Line("ReadOnlySpan<float> parameters = _parameters;");
            int firstWithParameters = FirstWithParameters(network);
            for (int i = network.Layers.Count - 1; i >= 0; i--)
            {
                LayerPlan layer = network.Layers[i];
                if (layer.IsView) continue;
                // Layers before the first parameter layer pass gradients only to the input, so they run only when it is wanted.
                if (i < firstWithParameters)
                {
                    w.Line($"if (!inputGradient.IsEmpty) {Call(network, i)}");
                    continue;
                }
                string inputGradient = i <= firstWithParameters ? FirstLayerInputGradient(network, i) : WorkspaceEmitter.GradientOf(network, i - 1);
                w.Line(Call(network, i, inputGradient));
            }
        }
    }

    private static string Call(NetworkPlan network, int i, string? inputGradient = null)
    {
        LayerPlan layer = network.Layers[i];
        return $"Layers.{layer.Identifier}.Backward(parameters, {WorkspaceEmitter.OutputOf(network, i - 1)}, {WorkspaceEmitter.OutputOf(network, i)}, " +
               $"{WorkspaceEmitter.GradientOf(network, i)}, {inputGradient ?? WorkspaceEmitter.GradientOf(network, i - 1)}, parameterGradients, workspace, count);";
    }

    /// <summary>The first parameter layer computes an input gradient only when a caller asked for the network's.</summary>
    private static string FirstLayerInputGradient(NetworkPlan network, int i) =>
        i == 0 || AllViewsBefore(network, i) ? "inputGradient" : $"inputGradient.IsEmpty ? Span<float>.Empty : {WorkspaceEmitter.GradientOf(network, i - 1)}";

    private static bool AllViewsBefore(NetworkPlan network, int i)
    {
        for (int j = 0; j < i; j++)
        {
            if (!network.Layers[j].IsView) return false;
        }
        return true;
    }

    private static int FirstWithParameters(NetworkPlan network)
    {
        for (int i = 0; i < network.Layers.Count; i++)
        {
            if (network.Layers[i].ParameterCount > 0) return i;
        }
        return network.Layers.Count;
    }
}
