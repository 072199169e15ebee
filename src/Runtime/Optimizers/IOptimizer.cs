namespace CnnCompiler;

/// <summary>Updates a network's parameter span from its gradient span (both laid out alike).</summary>
public interface IOptimizer
{
    /// <summary>Applies one update. State (momentum, moments) is sized on the first call and reused.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);
}
