namespace CnnCompiler;

/// <summary>
/// Opens files that the readers take whole (weights, checkpoints, IDX data) without ever blocking or reading without
/// end: a FIFO blocks its reader until a writer appears, and a device such as /dev/zero never ends. Both report a
/// length of 0, as does an empty file, which is nothing to read either; so a path whose length is 0 is refused before
/// it is opened, and reading is bounded by the length the open file reports.
/// </summary>
internal static class RegularFile
{
    public static FileStream OpenRead(string path)
    {
        var info = new FileInfo(path);
        // A symbolic link reports its own length; what is opened is the file it finally points to.
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
        if (info.Exists && info.Length == 0) throw Refused(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        if (!stream.CanSeek)
        {
            // A pipe or device that reports a length (Windows named pipes): it cannot be bounded by one either.
            stream.Dispose();
            throw Refused(path);
        }
        return stream;
    }

    private static InvalidDataException Refused(string path) =>
        new($"{path} is empty (0 bytes) or not a regular file (a FIFO, socket or device), so it holds nothing to read.");
}
