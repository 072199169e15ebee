namespace CnnCompiler.OnnxFormat;

/// <summary>
/// Replaces a file in one step, as checkpoints and weights are written: the content goes to a temporary file in the
/// same folder (<c>.name.random.tmp</c>), is flushed to disk and moved over the target; on failure the temporary file is
/// deleted and the target is untouched.
/// </summary>
internal static class AtomicWrite
{
    /// <summary>
    /// Writes two files so that either both are replaced or neither: both into temporary files first, then both moved
    /// (a failure before the moves deletes both temporary files).
    /// </summary>
    public static void WriteBoth(string first, Action<Stream> writeFirst, string second, Action<Stream> writeSecond)
    {
        string firstTemporary = WriteTemporary(first, writeFirst);
        string secondTemporary;
        try
        {
            secondTemporary = WriteTemporary(second, writeSecond);
        }
        catch
        {
            TryDelete(firstTemporary);
            throw;
        }
        try
        {
            File.Move(firstTemporary, Path.GetFullPath(first), overwrite: true);
        }
        catch
        {
            TryDelete(firstTemporary);
            TryDelete(secondTemporary);
            throw;
        }
        File.Move(secondTemporary, Path.GetFullPath(second), overwrite: true);
    }

    public static void Write(string path, Action<Stream> write)
    {
        string temporary = WriteTemporary(path, write);
        try
        {
            File.Move(temporary, Path.GetFullPath(path), overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The content, complete and flushed, in a temporary file beside <paramref name="path"/>; returns its path.</summary>
    private static string WriteTemporary(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"The path {full} has no folder.", nameof(path));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        return temporary;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than a leftover temporary file.
        }
    }
}
