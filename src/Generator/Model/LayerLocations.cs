namespace CnnCompiler.Generator.Model;

/// <summary>Where one argument of a layer attribute stands, by the parameter or property name it binds to.</summary>
internal sealed record ArgumentLocation(string Name, LocationInfo Location);

/// <summary>
/// Where one layer attribute and each argument written in it stand, so that analysis can report a problem on the
/// argument that causes it (a too-large PaddingSize, a Stride that skips input, a duplicate Name) rather than on the
/// whole attribute. Plain data, like <see cref="DeclLocations"/>.
/// </summary>
internal sealed record LayerLocations(LocationInfo Attribute, EquatableArray<ArgumentLocation> Arguments)
{
    /// <summary>Whether the argument was written in the attribute.</summary>
    public bool Has(string argument)
    {
        foreach (ArgumentLocation written in Arguments)
        {
            if (written.Name == argument) return true;
        }
        return false;
    }

    /// <summary>The first of <paramref name="arguments"/> that was written, or the whole attribute when none was.</summary>
    public LocationInfo Of(params string[] arguments)
    {
        foreach (string argument in arguments)
        {
            foreach (ArgumentLocation written in Arguments)
            {
                if (written.Name == argument) return written.Location;
            }
        }
        return Attribute;
    }
}
