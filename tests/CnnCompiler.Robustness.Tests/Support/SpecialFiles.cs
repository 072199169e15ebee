using System.Runtime.InteropServices;

namespace CnnCompiler.Robustness.Tests.Support;

/// <summary>Paths that are not regular files, and a guard for calls that could block on them.</summary>
internal static class SpecialFiles
{
    /// <summary>
    /// Creates a FIFO at <paramref name="path"/>: opening it for reading blocks until a writer comes. Windows has no
    /// FIFOs in the file system; there it is an empty file, which the readers refuse by the same rule (a length of 0).
    /// </summary>
    public static string Fifo(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllBytes(path, []);
            return path;
        }
        if (MakeFifo(path, 0b110_100_100) != 0) throw new IOException($"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
        return path;
    }

    /// <summary>Runs <paramref name="call"/> on its own thread and fails the test if it has not returned within 10 seconds (a hang).</summary>
    public static Exception? ThrownWithin10Seconds(Action call)
    {
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try
            {
                call();
            }
            catch (Exception e)
            {
                thrown = e;
            }
        }) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "The call did not return within 10 seconds: it blocks.");
        return thrown;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}

/// <summary>Bytes allocated by the calling thread, to bound what a reader allocates for a file.</summary>
internal static class Allocations
{
    /// <summary>The bytes <paramref name="call"/> allocates on this thread, whatever it throws.</summary>
    public static long Of(Action call)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            call();
        }
        catch (Exception)
        {
            // The caller asserts what was thrown separately; here only the allocation counts.
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
