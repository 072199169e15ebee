using System.Linq;

namespace CnnCompiler.Generator.Model;

/// <summary>The shape of one sample between layers: channels (or features) first, then 0 to 3 spatial sizes.</summary>
internal sealed record Shape(EquatableArray<int> Dims)
{
    public int Channels => Dims[0];

    public int SpatialRank => Dims.Count - 1;

    public int Spatial(int axis) => Dims[axis + 1];

    /// <summary>Elements in one sample; a long so that absurd declarations are caught before they overflow.</summary>
    public long Length => Dims.Aggregate(1L, (product, dim) => product * dim);

    /// <summary>Elements in one channel plane (1 for a vector).</summary>
    public long PlaneLength => Length / Channels;

    public override string ToString() => string.Join("×", Dims);

    public static Shape Of(params int[] dims) => new(EquatableArray.From(dims));
}
