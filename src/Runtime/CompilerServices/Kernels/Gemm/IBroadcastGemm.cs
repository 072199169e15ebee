using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// The constants of one broadcast GEMM, C[M×N] (=|+=) A(M×K) · B[K×N]: A's element (i, k) is at
/// <c>a[i·RowStrideA + k·ColStrideA]</c> (a transposed A is just other strides), B and C are row-major. M = 0 or K = 0
/// means that size is the batch, passed at run time. The tile sizes are the generator's decision (its plan records
/// them); <see cref="BroadcastGemm{TShape}"/> only carries them out.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBroadcastGemm
{
    static abstract int M { get; }
    static abstract int N { get; }
    static abstract int K { get; }
    static abstract int RowStrideA { get; }
    static abstract int ColStrideA { get; }
    static abstract int RowStrideB { get; }
    static abstract int RowStrideC { get; }

    /// <summary>Whether C is added to (+=) rather than written (=).</summary>
    static abstract bool Accumulate { get; }

    /// <summary>Rows of A per register tile (1 to 4).</summary>
    static abstract int RowTile { get; }

    /// <summary>Vectors of columns per register tile (1 to 4) with 256-bit vectors.</summary>
    static abstract int VectorTile { get; }

    /// <summary>Vectors of columns per register tile (1 to 4) with 512-bit vectors.</summary>
    static abstract int WideVectorTile { get; }

    /// <summary>Whether the 512-bit twin runs where 512-bit vectors are accelerated.</summary>
    static abstract bool Wide { get; }
}

/// <summary>
/// The constants of one dot-product GEMM, C(i, j) (=|+=) Σₖ A[i·RowStrideA + k] · B[j·RowStrideB + k]: both operands
/// run contiguously along K (A·Bᵀ); C's element (i, j) is at <c>c[i·RowStrideC + j·ColStrideC]</c>. M = 0 means the
/// rows are the batch, passed at run time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDotGemm
{
    static abstract int M { get; }
    static abstract int N { get; }
    static abstract int K { get; }
    static abstract int RowStrideA { get; }
    static abstract int RowStrideB { get; }
    static abstract int RowStrideC { get; }
    static abstract int ColStrideC { get; }
    static abstract bool Accumulate { get; }

    /// <summary>Rows of A per register tile (1 to 4).</summary>
    static abstract int RowTile { get; }

    /// <summary>Rows of B (columns of C) per register tile (1 to 4).</summary>
    static abstract int ColumnTile { get; }

    /// <summary>Whether the 512-bit twin runs where 512-bit vectors are accelerated.</summary>
    static abstract bool Wide { get; }
}
