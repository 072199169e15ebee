namespace CnnCompiler.OnnxFormat;

/// <summary>
/// Replaces a file in one step, as checkpoints and weights are written: the content goes to a temporary file in the
/// same folder (<c>.name.random.tmp</c>), is flushed to disk and moved over the target; on failure the temporary file is
/// deleted and the target is untouched.
/// </summary>
internal static class AtomicWrite
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"The path {full} has no folder.", nameof(path));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
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
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original error matters more than a leftover temporary file.
            }
            throw;
        }
    }
}
