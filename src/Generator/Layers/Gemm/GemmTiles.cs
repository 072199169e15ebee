using CnnCompiler.Generator.Emit;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Register tiles of the GEMMs, chosen from their sizes. M = 0 stands for a size known only at run time (the batch).
/// </summary>
internal static class GemmTiles
{
    /// <summary>Floats in a 256-bit and a 512-bit vector.</summary>
    public const int Lanes = 8, WideLanes = 16;

    /// <summary>
    /// A broadcast GEMM of M rows (0: the batch) and N columns: 4 rows × 3 vectors (12 accumulators, leaving registers
    /// for B's vectors and A's broadcasts), fewer where the matrix is smaller. The 512-bit twin needs one whole vector
    /// of 16 columns, and columns in whole vectors of 16 when accumulating (where the last vector cannot overlap the one
    /// before it).
    /// </summary>
    public static BroadcastTile Broadcast(int m, int n, bool accumulate) =>
        new(m == 0 ? 4 : System.Math.Min(4, m), Vectors(n, Lanes), Vectors(n, WideLanes), n >= WideLanes && (!accumulate || n % WideLanes == 0));

    private static int Vectors(int n, int lanes) => n >= 3 * lanes ? 3 : System.Math.Max(1, n / lanes);

    /// <summary>
    /// A dot-product GEMM of M rows (0: the batch), N columns and depth K: 2 rows × 4 columns of dot products. The
    /// 512-bit twin needs K in whole vectors of 16 and long enough (16 vectors) that the wider horizontal sum ending every
    /// dot product pays (ResNet-20's layer3.0.conv1 weight gradient, K = 64, ran slower with it).
    /// </summary>
    public static DotTile Dot(int m, int n, int k) =>
        new(m == 0 ? 2 : System.Math.Min(2, m), System.Math.Min(4, n), k % WideLanes == 0 && k >= 16 * WideLanes);
}
