namespace CnnCompiler;

/// <summary>A tensor present in both the file and the network under the same name, but with different shapes.</summary>
/// <param name="Name">The state_dict name.</param>
/// <param name="NetworkShape">The shape the network expects.</param>
/// <param name="FileShape">The shape stored in the file.</param>
public sealed record TensorShapeMismatch(string Name, int[] NetworkShape, long[] FileShape);

/// <summary>What <see cref="NetworkWeights.LoadWeights"/> did with each tensor. Names are the network's (after <see cref="LoadOptions.Rename"/>).</summary>
/// <param name="Loaded">Network tensors filled from the file.</param>
/// <param name="Unexpected">File tensors the network has no tensor for (skipped, with <c>Strict = false</c>).</param>
/// <param name="Missing">Network tensors the file lacks, which <see cref="LoadOptions.AllowMissing"/> let keep their values.</param>
/// <param name="ShapeMismatched">Tensors with the same name but a different shape, which <see cref="LoadOptions.AllowMissing"/> let keep their values.</param>
public sealed record WeightLoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Missing,
    IReadOnlyList<TensorShapeMismatch> ShapeMismatched)
{
    /// <summary>File tensors that <see cref="LoadOptions.Rename"/> dropped, by their names in the file.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Whether the file matched the network exactly: every tensor loaded, nothing skipped, dropped or kept.</summary>
    public bool IsExactMatch => Unexpected.Count == 0 && Missing.Count == 0 && ShapeMismatched.Count == 0 && Ignored.Count == 0;

    public override string ToString() =>
        $"{Loaded.Count} loaded, {Unexpected.Count} unexpected (skipped), {Ignored.Count} ignored (dropped by the rename), " +
        $"{Missing.Count} missing (kept their values), {ShapeMismatched.Count} shape-mismatched (kept their values)";
}
