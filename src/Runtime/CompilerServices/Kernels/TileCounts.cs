using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A count known to the JIT: register tiles take their rows and columns as type arguments of these structs, so each
/// tile size is its own specialized method whose unused accumulators fold away whether or not the method is inlined.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITileCount
{
    static abstract int Value { get; }
}

[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct One : ITileCount { public static int Value => 1; }

[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Two : ITileCount { public static int Value => 2; }

[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Three : ITileCount { public static int Value => 3; }

[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Four : ITileCount { public static int Value => 4; }
