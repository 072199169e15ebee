namespace CnnCompiler;

/// <summary>How <see cref="NetworkWeights.LoadWeights"/> treats a file that does not match the network exactly.</summary>
public sealed class LoadOptions
{
    /// <summary>
    /// True (the default): every network tensor must be in the file with its shape, and the file may hold nothing else;
    /// any difference is an <see cref="InvalidDataException"/> listing them all. False: tensors whose name and shape match
    /// are loaded, the rest are reported (as PyTorch's <c>load_state_dict(strict=False)</c>, which also skips shape
    /// mismatches here rather than failing), for transfer learning into a network with a different head.
    /// </summary>
    public bool Strict { get; init; } = true;
}
