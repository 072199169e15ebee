namespace CnnCompiler;

/// <summary>A file (or an empty class folder) that <see cref="ImageFolderOptions.SkipBadFiles"/> left out, and why.</summary>
/// <param name="Path">The file or folder.</param>
/// <param name="Reason">The message the error would have had.</param>
public sealed record SkippedFile(string Path, string Reason);
