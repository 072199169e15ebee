namespace CnnCompiler.Numerics.Tests.PyTorch;

/// <summary>The input-gradient overload of ComputeGradients that generated float-target networks offer.</summary>
public interface IParityRegressor : IRegressor
{
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> inputGradients);
}
