namespace CnnCompiler.Numerics.Tests.PyTorch;

/// <summary>The float-target networks of the parity tests (their input-gradient overload of ComputeGradients is on <see cref="IRegressor"/>).</summary>
public interface IParityRegressor : IRegressor;
