namespace CnnCompiler;

/// <summary>
/// How <see cref="NetworkWeights.LoadWeights"/> matches a file's tensors to a network's, as PyTorch's
/// <c>load_state_dict</c> does, with the renaming a PyTorch user would do to the state_dict first.
/// <list type="number">
/// <item><see cref="Rename"/> turns each file tensor's name into the network's name for it (or drops the tensor).</item>
/// <item>Every network tensor must then be in the file with its shape, unless <see cref="AllowMissing"/> names it: those
/// keep their current values (a new head's initialization) when the file lacks them or holds them in another shape.</item>
/// <item>A file tensor the network lacks is an error when <see cref="Strict"/> (the default); otherwise it is skipped.</item>
/// </list>
/// Whatever is loaded, the report says: <see cref="WeightLoadReport"/> lists what was loaded, skipped, dropped and kept.
/// </summary>
public sealed class LoadOptions
{
    /// <summary>
    /// True (the default): a file tensor that matches no network tensor (after <see cref="Rename"/>) is an error. False:
    /// such tensors are skipped and listed in <see cref="WeightLoadReport.Unexpected"/>, as PyTorch's
    /// <c>strict=False</c> lists its unexpected keys. Missing network tensors are errors either way unless
    /// <see cref="AllowMissing"/> names them.
    /// </summary>
    public bool Strict { get; init; } = true;

    /// <summary>
    /// Maps a file tensor's name to the name of the network tensor it fills, before anything is matched; returning null
    /// drops the file tensor (listed in <see cref="WeightLoadReport.Ignored"/>). Null (the default) keeps every name.
    /// Two file tensors mapped to one name are an <see cref="ArgumentException"/>. <see cref="RenameModules"/> builds the
    /// common case.
    /// </summary>
    public Func<string, string?>? Rename { get; init; }

    /// <summary>
    /// Network tensors that may keep their current values because the file lacks them or holds them in another shape:
    /// a tensor name (<c>"head.weight"</c>), a layer or module name covering every tensor under it (<c>"head"</c>,
    /// <c>"layer4.1"</c>), or a pattern in which <c>*</c> stands for any characters (<c>"*.num_batches_tracked"</c>, for
    /// files of PyTorch before 0.4.1). Every other missing or differently shaped tensor is an error, so a partial load never
    /// leaves a tensor at its random initialization unless the caller said so. Listed in
    /// <see cref="WeightLoadReport.Missing"/> and <see cref="WeightLoadReport.ShapeMismatched"/>.
    /// </summary>
    public IReadOnlyList<string> AllowMissing { get; init; } = [];

    /// <summary>
    /// A <see cref="Rename"/> that replaces whole modules in a dotted name, wherever they occur: with
    /// <c>("downsample.0", "shortcut.conv")</c>, <c>layer2.0.downsample.0.weight</c> becomes
    /// <c>layer2.0.shortcut.conv.weight</c>; with <c>("module", "")</c> the <c>module.</c> that <c>DataParallel</c> puts in
    /// front of every name goes. The pairs apply in order, each to every place it matches; names they do not touch stay.
    /// </summary>
    public static Func<string, string?> RenameModules(params (string From, string To)[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var pairs = modules.Select(m =>
        {
            if (string.IsNullOrEmpty(m.From)) throw new ArgumentException("A module to rename must have a name.", nameof(modules));
            return (From: m.From.Split('.'), To: (m.To ?? "").Length == 0 ? [] : m.To!.Split('.'));
        }).ToArray();
        return name =>
        {
            var parts = new List<string>(name.Split('.'));
            foreach (var (from, to) in pairs)
            {
                for (int i = 0; i + from.Length <= parts.Count;)
                {
                    if (!parts.Skip(i).Take(from.Length).SequenceEqual(from, StringComparer.Ordinal))
                    {
                        i++;
                        continue;
                    }
                    parts.RemoveRange(i, from.Length);
                    parts.InsertRange(i, to);
                    i += to.Length;
                }
            }
            return string.Join('.', parts);
        };
    }

    /// <summary>Whether <see cref="AllowMissing"/> covers the network tensor <paramref name="name"/>.</summary>
    internal bool MayMiss(string name)
    {
        foreach (string entry in AllowMissing)
        {
            if (entry.Contains('*') ? Wildcard.Matches(entry, name) : name == entry || name.StartsWith(entry + ".", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>The options' own mistakes, before any file is read.</summary>
    internal void Validate()
    {
        if (AllowMissing is null) throw new ArgumentException("LoadOptions.AllowMissing is null; leave it empty to allow nothing to be missing.", "options");
        foreach (string entry in AllowMissing)
        {
            if (string.IsNullOrEmpty(entry)) throw new ArgumentException("LoadOptions.AllowMissing holds a null or empty entry.", "options");
        }
    }
}
