using System.Diagnostics.CodeAnalysis;

namespace CnnCompiler;

/// <summary>
/// Replaces a file in one step: the content goes to a temporary file in the same folder (so the final move is a rename
/// on one volume), is flushed to disk, and is then moved over the target. On failure the temporary file is deleted and
/// the target is untouched.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"The path {full} has no folder.", nameof(path));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");  // the form TryGetTarget recognizes
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Whether <paramref name="fileName"/> (a name, not a path) has the form of the temporary files <see cref="Write"/>
    /// creates, <c>.&lt;target&gt;.&lt;Path.GetRandomFileName()&gt;.tmp</c>, and if so the target's file name. A process
    /// killed while writing leaves such a file behind.
    /// </summary>
    public static bool TryGetTarget(string fileName, [NotNullWhen(true)] out string? target)
    {
        target = null;
        const string Suffix = ".tmp";
        const int RandomLength = 12;  // Path.GetRandomFileName: 8 characters, a dot, 3 characters, all of [a-z0-5]
        int randomStart = fileName.Length - Suffix.Length - RandomLength;
        if (randomStart < 3 || fileName[0] != '.' || fileName[randomStart - 1] != '.' || !fileName.EndsWith(Suffix, StringComparison.Ordinal)) return false;
        ReadOnlySpan<char> random = fileName.AsSpan(randomStart, RandomLength);
        for (int i = 0; i < random.Length; i++)
        {
            bool valid = i == 8 ? random[i] == '.' : random[i] is (>= 'a' and <= 'z') or (>= '0' and <= '5');
            if (!valid) return false;
        }
        target = fileName[1..(randomStart - 1)];
        return true;
    }

    /// <summary>
    /// Deletes <paramref name="path"/> if no one holds it open for writing (<see cref="Write"/> holds its temporary file
    /// with <see cref="FileShare.None"/>, which also locks it against other processes on Unix); true if it was deleted.
    /// Never throws for a file that cannot be opened or deleted.
    /// </summary>
    public static bool TryDeleteUnused(string path)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1))
            {
            }
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
