using System.Diagnostics;

namespace CnnCompiler.Endurance;

/// <summary>
/// A child process running one of this program's commands, its output lines collected with the time each arrived.
/// Started as `dotnet CnnCompiler.Endurance.dll …` (or through the apphost when this process is the apphost).
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<(double Seconds, string Line)> _lines = [];
    private readonly Stopwatch _clock;
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, Stopwatch clock)
    {
        _process = process;
        _clock = clock;
    }

    public int Id => _process.Id;

    public TimeSpan Elapsed => _clock.Elapsed;

    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string assembly = typeof(ChildProcess).Assembly.Location;
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == Path.GetFileNameWithoutExtension(assembly))
        {
            start.FileName = self;
        }
        else
        {
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            start.ArgumentList.Add(assembly);
        }
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process, Stopwatch.StartNew());
        int open = 2;
        void Received(string? line, string prefix)
        {
            if (line is null)
            {
                if (Interlocked.Decrement(ref open) == 0) child._outputClosed.TrySetResult();
                return;
            }
            lock (child._lines) child._lines.Add((child._clock.Elapsed.TotalSeconds, prefix + line));
        }
        process.OutputDataReceived += (_, e) => Received(e.Data, "");
        process.ErrorDataReceived += (_, e) => Received(e.Data, "stderr: ");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL: the process gets no chance to run anything (no finally blocks, no flush).</summary>
    public bool Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // it had already exited
        }
    }

    /// <summary>Waits for the process to end (killing it after <paramref name="timeout"/>) and for its output to close; returns the exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            _process.WaitForExit();
            throw new TimeoutException($"The child process {Id} ran for more than {timeout.TotalSeconds:F0} s:\n{string.Join('\n', Lines)}");
        }
        _process.WaitForExit();
        _outputClosed.Task.Wait(TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return _lines.Select(l => l.Line).ToList();
        }
    }

    public IReadOnlyList<(double Seconds, string Line)> TimedLines
    {
        get
        {
            lock (_lines) return _lines.ToList();
        }
    }

    public void Dispose() => _process.Dispose();
}
