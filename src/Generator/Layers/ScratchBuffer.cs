namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A workspace array a layer needs besides its output and output gradient (im2col columns, max-pool indices).
/// </summary>
/// <param name="Field">The workspace field name.</param>
/// <param name="ElementType">float or int.</param>
/// <param name="Length">Elements (per sample when <paramref name="PerSample"/>).</param>
/// <param name="PerSample">Whether the array holds one slice per sample of the batch.</param>
/// <param name="Initializer">
/// When set, the field is of type <paramref name="ElementType"/> itself (not an array of it) and this expression makes
/// it (a convolution's <c>ConvBuffers</c>, made by its kernel struct); <paramref name="Length"/> is then unused.
/// </param>
internal sealed record ScratchBuffer(string Field, string ElementType, long Length, bool PerSample, string? Initializer = null);
