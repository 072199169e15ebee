namespace CnnCompiler;

/// <summary>A tensor present in both the file and the network under the same name, but with different shapes.</summary>
/// <param name="Name">The state_dict name.</param>
/// <param name="NetworkShape">The shape the network expects.</param>
/// <param name="FileShape">The shape stored in the file.</param>
public sealed record TensorShapeMismatch(string Name, int[] NetworkShape, long[] FileShape);

/// <summary>What <see cref="NetworkWeights.LoadWeights"/> did with each tensor.</summary>
/// <param name="Loaded">Network tensors filled from the file.</param>
/// <param name="Unexpected">File tensors the network has no tensor for (skipped).</param>
/// <param name="Missing">Network tensors the file lacks (left as they were, for example freshly initialized).</param>
/// <param name="ShapeMismatched">Tensors with the same name but a different shape (left as they were).</param>
public sealed record WeightLoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Missing,
    IReadOnlyList<TensorShapeMismatch> ShapeMismatched)
{
    /// <summary>Whether the file matched the network exactly: every tensor loaded, nothing skipped.</summary>
    public bool IsExactMatch => Unexpected.Count == 0 && Missing.Count == 0 && ShapeMismatched.Count == 0;

    public override string ToString() =>
        $"{Loaded.Count} loaded, {Unexpected.Count} unexpected (skipped), {Missing.Count} missing (left initialized), " +
        $"{ShapeMismatched.Count} shape-mismatched (left initialized)";
}
