using System.ComponentModel;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>The predicted class of each row of scores.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ArgMax
{
    /// <summary>Index of the largest value of each row of <paramref name="classes"/> scores (the first on ties).</summary>
    public static void Rows(ReadOnlySpan<float> scores, Span<int> labels, int classes)
    {
        for (int n = 0; n < labels.Length; n++) labels[n] = TensorPrimitives.IndexOfMax(scores.Slice(n * classes, classes));
    }
}
