using System.Runtime.CompilerServices;

namespace CnnCompiler.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot testing the way Verify does it, without Verify (not restorable here): the expected text lives in a
/// committed <c>Snapshots/{name}.verified.cs</c>; on a mismatch the actual text is written beside it as
/// <c>{name}.received.cs</c> and the test fails. Set <c>CNN_ACCEPT_SNAPSHOTS=1</c> to accept received text as verified.
/// </summary>
public static class SnapshotAssert
{
    public static void Matches(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "Snapshots");
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalized = actual.Replace("\r\n", "\n");
        bool accept = Environment.GetEnvironmentVariable("CNN_ACCEPT_SNAPSHOTS") == "1";

        if (File.Exists(verifiedPath) && File.ReadAllText(verifiedPath).Replace("\r\n", "\n") == normalized)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        if (accept)
        {
            File.WriteAllText(verifiedPath, normalized);
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, normalized);
        string reason = File.Exists(verifiedPath) ? "differs from" : "has no";
        throw new Xunit.Sdk.XunitException(
            $"Snapshot '{name}': the generated text {reason} the committed {verifiedPath}. It was written to {receivedPath}; " +
            "review the difference and, if it is intended, rerun with CNN_ACCEPT_SNAPSHOTS=1 to accept it.");
    }
}
