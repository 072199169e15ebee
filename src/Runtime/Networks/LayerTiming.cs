namespace CnnCompiler;

/// <summary>
/// One layer's time in a training step, measured by a generated network's <c>ProfileLayers</c>: the mean wall time of
/// its forward and backward pass over the profiled batch, on one thread.
/// </summary>
/// <param name="Layer">The layer's name, as in <see cref="INetwork.LayerList"/>.</param>
/// <param name="Kind">The layer kind (attribute name).</param>
/// <param name="Flops">Forward floating-point operations per sample (2 per multiply-add of convolutions and dense layers).</param>
/// <param name="ForwardMicroseconds">Mean forward time for the whole batch.</param>
/// <param name="BackwardMicroseconds">Mean backward time for the whole batch (0 for layers backward never reaches).</param>
public sealed record LayerTiming(string Layer, string Kind, long Flops, double ForwardMicroseconds, double BackwardMicroseconds)
{
    /// <summary>Forward and backward together.</summary>
    public double TotalMicroseconds => ForwardMicroseconds + BackwardMicroseconds;
}
