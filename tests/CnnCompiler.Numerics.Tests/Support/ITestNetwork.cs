namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// The generated API beyond <see cref="IClassifier"/> that the tests use: the input-gradient overload of ComputeGradients.
/// Every test network declares this interface; the generated public method implements it.
/// </summary>
public interface ITestNetwork : IClassifier
{
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Span<float> inputGradients);
}
