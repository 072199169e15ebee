namespace CnnCompiler.Robustness.Tests.Support;

/// <summary>A fresh directory under the system's temporary folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnncompiler-robustness-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file name in the directory and below, relative and sorted: to check that a failed save left nothing.</summary>
    public string[] Listing() =>
        Directory.GetFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// A folder nobody can create files in. Root ignores permission bits, so as root it is a folder of procfs (which
    /// refuses new files to everyone); otherwise a fresh folder with mode r-x.
    /// </summary>
    public string Unwritable()
    {
        if (Environment.UserName == "root" || OperatingSystem.IsWindows()) return "/proc/self";
        string folder = File("read-only");
        Directory.CreateDirectory(folder);
        System.IO.File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return folder;
    }

    /// <summary>An unwritable folder holding one existing file: to check that a failed save leaves that file as it was.</summary>
    public (string Folder, string ExistingFile) UnwritableWithFile()
    {
        if (Environment.UserName == "root" || OperatingSystem.IsWindows()) return ("/proc", "/proc/version");
        string folder = File("read-only");
        Directory.CreateDirectory(folder);
        string existing = System.IO.Path.Combine(folder, "existing.bin");
        System.IO.File.WriteAllBytes(existing, [1, 2, 3]);
        System.IO.File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return (folder, existing);
    }

    public void Dispose()
    {
        string folder = File("read-only");
        if (Directory.Exists(folder) && !OperatingSystem.IsWindows())
            System.IO.File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
