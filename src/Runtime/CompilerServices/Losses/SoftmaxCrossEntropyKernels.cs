using System.ComponentModel;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>Softmax with cross-entropy over integer labels, as <c>nn.CrossEntropyLoss</c> (mean over the batch).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SoftmaxCrossEntropyKernels
{
    /// <summary>
    /// Softmax of each row of <paramref name="logits"/> into <paramref name="probabilities"/>; returns the summed
    /// cross-entropy of the rows against <paramref name="labels"/> (computed as log-sum-exp − logit, which stays exact
    /// when a probability underflows). Pass empty <paramref name="labels"/> to compute probabilities only (returns 0).
    /// </summary>
    public static float Forward(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> probabilities, int classes)
    {
        int count = logits.Length / classes;
        double total = 0;
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<float> z = logits.Slice(n * classes, classes);
            Span<float> p = probabilities.Slice(n * classes, classes);
            float max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, p);
            TensorPrimitives.Exp(p, p);
            float sum = TensorPrimitives.Sum(p);
            TensorPrimitives.Divide(p, sum, p);
            if (!labels.IsEmpty) total += Math.Log(sum) + max - z[labels[n]];
        }
        return (float)total;
    }

    /// <summary>dlogits = (p − onehot(label)) · <paramref name="scale"/> (scale = 1 / batch size for a mean loss).</summary>
    public static void Backward(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, Span<float> logitGradients, int classes, float scale)
    {
        int count = labels.Length;
        TensorPrimitives.Multiply(probabilities.Slice(0, count * classes), scale, logitGradients.Slice(0, count * classes));
        for (int n = 0; n < count; n++) logitGradients[n * classes + labels[n]] -= scale;
    }
}
