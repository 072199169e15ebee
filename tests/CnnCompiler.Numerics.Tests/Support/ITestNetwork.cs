namespace CnnCompiler.Numerics.Tests;

/// <summary>The classifier networks of the numerics tests (everything they use is on <see cref="IClassifier"/>).</summary>
public interface ITestNetwork : IClassifier;
