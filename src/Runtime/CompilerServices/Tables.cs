using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>Helpers for the static tables of generated networks.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Tables
{
    /// <summary>
    /// The rows of a table built in chunks (one generated method per chunk of layers, so that no method grows with the
    /// network's depth), in order.
    /// </summary>
    public static T[] Join<T>(params T[][] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        int length = 0;
        foreach (T[] part in parts) length += part.Length;
        var rows = new T[length];
        int offset = 0;
        foreach (T[] part in parts)
        {
            part.CopyTo(rows, offset);
            offset += part.Length;
        }
        return rows;
    }
}
