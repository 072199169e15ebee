namespace CnnCompiler.Generator.Model.Kernels;

/// <summary>
/// What analysis decided about how a layer runs: every constant of the runtime kernel the layer calls (its shapes, fused
/// activation, strategies and tile sizes). Layers whose kernel plans are equal share one emitted kernel struct, and a
/// test can read a layer's strategy here without looking at generated code.
/// </summary>
internal abstract record KernelPlan;

/// <summary>A broadcast GEMM's register tile: rows × vectors (of 8 floats, or of 16 with the 512-bit twin).</summary>
/// <param name="Rows">Rows of A per tile.</param>
/// <param name="Vectors">Vectors of 8 columns per tile.</param>
/// <param name="WideVectors">Vectors of 16 columns per tile in the 512-bit twin.</param>
/// <param name="Wide">Whether the 512-bit twin runs where 512-bit vectors are accelerated.</param>
internal sealed record BroadcastTile(int Rows, int Vectors, int WideVectors, bool Wide);

/// <summary>A dot-product GEMM's register tile: rows of A × rows of B, each a dot product along K.</summary>
/// <param name="Rows">Rows of A per tile.</param>
/// <param name="Columns">Rows of B (columns of C) per tile.</param>
/// <param name="Wide">Whether the 512-bit twin runs where 512-bit vectors are accelerated.</param>
internal sealed record DotTile(int Rows, int Columns, bool Wide);

/// <summary>A dense layer: Y = X·Wᵀ as dot products, dW += dYᵀ·X and dX = dY·W as broadcast GEMMs.</summary>
internal sealed record DenseKernel(int Inputs, int Units, ActivationKind Activation, DotTile Forward, BroadcastTile WeightGradient, BroadcastTile InputGradient) : KernelPlan;
