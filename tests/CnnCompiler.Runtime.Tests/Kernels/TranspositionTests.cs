using CnnCompiler.CompilerServices;
using Xunit;

namespace CnnCompiler.Runtime.Tests.Kernels;

/// <summary>Transposition in 8×8 blocks (overlapping at the ends) gives exactly the element-by-element transpose.</summary>
public sealed class TranspositionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 20)]
    [InlineData(20, 7)]
    [InlineData(8, 8)]
    [InlineData(9, 9)]
    [InlineData(16, 150)]
    [InlineData(100, 16)]
    [InlineData(81, 24)]
    public void Matches_the_scalar_transpose(int rows, int columns)
    {
        var random = new Random(rows * 1000 + columns);
        float[] source = Enumerable.Range(0, rows * columns).Select(_ => (float)random.NextDouble()).ToArray();
        var destination = new float[rows * columns + 8];
        destination[^1] = 42f; // nothing beyond the matrix is written
        Transposition.Transpose(ref source[0], rows, columns, ref destination[0]);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) Assert.Equal(source[r * columns + c], destination[c * rows + r]);
        }
        Assert.Equal(42f, destination[^1]);
    }
}
