using System.Diagnostics;
using System.Globalization;

namespace CnnCompiler.Endurance;

internal sealed record FaultInjectionSettings
{
    /// <summary>Kills to inject (each followed by a restart that resumes).</summary>
    public int Runs { get; init; } = 50;

    /// <summary>The training each child runs; its <see cref="TrainSettings.Directory"/> is replaced per session.</summary>
    public TrainSettings Train { get; init; } = new() { Directory = "." };

    /// <summary>Where the reference run and the sessions keep their checkpoints (created; left in place for inspection).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Seeds the harness's own choices (when and how to kill), not the training.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The share of kills triggered by a checkpoint write starting (the rest come at a random time).</summary>
    public double OnWriteFraction { get; init; } = 0.5;

    /// <summary>Kills triggered by a checkpoint write come a random 0 to this many microseconds after its temporary file appears.</summary>
    public int MaxWriteDelayMicroseconds { get; init; } = 8000;

    public TimeSpan ChildTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TextWriter? Log { get; init; }
}

/// <summary>What <see cref="FaultInjection.Run"/> saw. <see cref="Passed"/> when every session's final weights equal the reference's and no corrupt checkpoint was ever found or taken.</summary>
internal sealed record FaultInjectionReport
{
    public int Runs { get; set; }
    public int Starts { get; set; }
    public int Kills { get; set; }
    public int KillsOnTimer { get; set; }
    public int KillsOnWriteTrigger { get; set; }
    /// <summary>Kills after which a temporary checkpoint file was left: the kill landed between its creation and its rename.</summary>
    public int KillsDuringWrite { get; set; }
    /// <summary>Kill attempts that came too late: the child had finished.</summary>
    public int MissedKills { get; set; }
    /// <summary>Starts that resumed from a checkpoint.</summary>
    public int Resumes { get; set; }
    public int FreshStarts { get; set; }
    /// <summary>Temporary files left by a kill that do not read back whole (truncated or with a wrong checksum).</summary>
    public int HalfWrittenTempFiles { get; set; }
    /// <summary>Temporary files left by a kill that read back whole (killed between the flush and the rename).</summary>
    public int CompleteUnrenamedTempFiles { get; set; }
    /// <summary>Temporary files the train command found at start, reported and deleted (never resumed from).</summary>
    public int StaleTempFilesSeenByChild { get; set; }
    /// <summary>Checkpoint files (final names) that failed to load fully after a kill. Must be 0.</summary>
    public int CorruptCheckpoints { get; set; }
    /// <summary>Checkpoints the train command refused at resume. Must be 0.</summary>
    public int CorruptCheckpointsSeenByChild { get; set; }
    public int CheckpointsValidated { get; set; }
    public int Sessions { get; set; }
    public int SessionsIdentical { get; set; }
    public string ReferenceHash { get; set; } = "";
    public double ReferenceSeconds { get; set; }
    public double Seconds { get; set; }
    public List<string> Failures { get; } = [];

    public bool Passed => Failures.Count == 0 && Sessions > 0 && SessionsIdentical == Sessions && CorruptCheckpoints == 0 && CorruptCheckpointsSeenByChild == 0;

    public string ResultLine() => string.Create(CultureInfo.InvariantCulture,
        $"RESULT fault_injection runs={Runs} starts={Starts} kills={Kills} kills_on_timer={KillsOnTimer} kills_on_write_trigger={KillsOnWriteTrigger} " +
        $"kills_during_write={KillsDuringWrite} missed_kills={MissedKills} resumes={Resumes} fresh_starts={FreshStarts} " +
        $"half_written_temp_files={HalfWrittenTempFiles} complete_unrenamed_temp_files={CompleteUnrenamedTempFiles} stale_temp_files_seen_by_child={StaleTempFilesSeenByChild} " +
        $"checkpoints_validated={CheckpointsValidated} corrupt_checkpoints={CorruptCheckpoints} corrupt_checkpoints_seen_by_child={CorruptCheckpointsSeenByChild} " +
        $"sessions={Sessions} identical={SessionsIdentical} reference_hash={ReferenceHash} reference_seconds={ReferenceSeconds:F2} seconds={Seconds:F1} outcome={(Passed ? "PASS" : "FAIL")}");
}

/// <summary>
/// Kill -9 the train command at random points and resume it, many times. One reference run trains uninterrupted.
/// Then sessions, each in a fresh directory, train the same thing while being killed (SIGKILL) either at a random time
/// or right after a checkpoint write has created its temporary file (after a random delay, by default 0–8 ms, so that kills
/// land in the write, the flush and the rename); after every kill the directory is inspected (temporary files left,
/// every checkpoint loaded in full) and the command is started again, resuming from the latest checkpoint. A session
/// ends when a start runs to the end; its final weight hash must equal the reference's.
/// </summary>
internal static class FaultInjection
{
    private enum KillMode { None, Timer, OnWrite }

    public static FaultInjectionReport Run(FaultInjectionSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var report = new FaultInjectionReport { Runs = settings.Runs };
        TextWriter log = settings.Log ?? TextWriter.Null;
        var random = new Random(settings.Seed);
        string root = Path.GetFullPath(settings.WorkDirectory);
        Directory.CreateDirectory(root);

        double startupSeconds, epochSeconds;
        // The uninterrupted reference run, which also gives the timings the random kill times are drawn from.
        string referenceDirectory = Fresh(Path.Combine(root, "reference"));
        using (ChildProcess reference = ChildProcess.Start((settings.Train with { Directory = referenceDirectory }).ToArguments()))
        {
            int exit = reference.WaitForExit(settings.ChildTimeout);
            report.Starts++;
            report.ReferenceSeconds = reference.Elapsed.TotalSeconds;
            if (exit != 0 || FinalHash(reference.Lines) is not { } hash)
                throw new InvalidOperationException($"The reference run failed with exit code {exit}:\n{string.Join('\n', reference.Lines)}");
            report.ReferenceHash = hash;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference: {reference.Elapsed.TotalSeconds:F2} s, final hash {hash}"));
            (startupSeconds, epochSeconds) = Timings(reference.TimedLines, settings.Train.Epochs);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference timings: start-up {startupSeconds:F2} s, {epochSeconds:F3} s per epoch"));
        }

        int maxKillsPerSession = Math.Max(2, settings.Train.Epochs);
        while (report.Kills < settings.Runs)
        {
            report.Sessions++;
            string directory = Fresh(Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"session-{report.Sessions:D3}")));
            int killsInSession = 0;
            var temporaryFilesSeen = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                int remaining = settings.Train.Epochs - LatestEpoch(directory);
                bool tryKill = report.Kills < settings.Runs && killsInSession < maxKillsPerSession;
                KillMode mode = !tryKill ? KillMode.None : random.NextDouble() < settings.OnWriteFraction && remaining > 0 ? KillMode.OnWrite : KillMode.Timer;
                double killAt = random.NextDouble() * (startupSeconds + Math.Max(1, remaining) * epochSeconds);
                int writeTarget = random.Next(Math.Max(1, remaining));
                int delayMicroseconds = random.Next(0, settings.MaxWriteDelayMicroseconds + 1);

                var (child, killed, exit) = RunOnce(settings, directory, mode, killAt, writeTarget, delayMicroseconds);
                using (child)
                {
                    report.Starts++;
                    IReadOnlyList<string> lines = child.Lines;
                    CountChildLines(lines, report);
                    string plan = mode switch
                    {
                        KillMode.Timer => string.Create(CultureInfo.InvariantCulture, $"kill at {killAt:F2} s"),
                        KillMode.OnWrite => string.Create(CultureInfo.InvariantCulture, $"kill {delayMicroseconds} µs after checkpoint write #{writeTarget + 1} starts"),
                        _ => "no kill",
                    };
                    string resumed = lines.FirstOrDefault(l => l.StartsWith("resume ", StringComparison.Ordinal)) ?? "(killed before resuming)";
                    if (killed)
                    {
                        report.Kills++;
                        killsInSession++;
                        if (mode == KillMode.Timer) report.KillsOnTimer++; else report.KillsOnWriteTrigger++;
                        var (half, complete) = InspectTemporaryFiles(directory, temporaryFilesSeen, report);
                        if (half + complete > 0) report.KillsDuringWrite++;
                        int corrupt = ValidateCheckpoints(directory, settings.Train, report);
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"session {report.Sessions} start {report.Starts}: {resumed}; {plan}: killed after {child.Elapsed.TotalSeconds:F2} s at epoch {LatestEpoch(directory)}; temp files left: {half} half-written, {complete} complete; corrupt checkpoints: {corrupt}"));
                        continue;
                    }

                    if (mode != KillMode.None) report.MissedKills++;
                    string? hash = FinalHash(lines);
                    bool identical = exit == 0 && hash == report.ReferenceHash;
                    if (identical) report.SessionsIdentical++;
                    else report.Failures.Add($"session {report.Sessions}: exit code {exit}, final hash {hash ?? "(none)"} instead of {report.ReferenceHash}:\n{string.Join('\n', lines)}");
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"session {report.Sessions} start {report.Starts}: {resumed}; {plan}: ran to the end in {child.Elapsed.TotalSeconds:F2} s; final hash {(identical ? "identical" : "DIFFERENT: " + hash)}"));
                    break;
                }
            }
        }
        report.Seconds = clock.Elapsed.TotalSeconds;
        return report;
    }

    private static (ChildProcess Child, bool Killed, int ExitCode) RunOnce(
        FaultInjectionSettings settings, string directory, KillMode mode, double killAt, int writeTarget, int delayMicroseconds)
    {
        using var watcher = new FileSystemWatcher(directory, ".checkpoint-epoch-*.tmp") { IncludeSubdirectories = false };
        ChildProcess? child = null;
        int writesSeen = 0, killed = 0;
        if (mode == KillMode.OnWrite)
        {
            watcher.Created += (_, _) =>
            {
                if (Interlocked.Increment(ref writesSeen) - 1 != writeTarget || child is null) return;
                long until = Stopwatch.GetTimestamp() + delayMicroseconds * Stopwatch.Frequency / 1_000_000;
                while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
                if (child.Kill()) Interlocked.Exchange(ref killed, 1);
            };
            watcher.EnableRaisingEvents = true;
        }
        child = ChildProcess.Start((settings.Train with { Directory = directory }).ToArguments());
        if (mode == KillMode.Timer)
        {
            TimeSpan wait = TimeSpan.FromSeconds(killAt) - child.Elapsed;
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            if (!child.HasExited && child.Kill()) killed = 1;
        }
        int exit = child.WaitForExit(settings.ChildTimeout);
        watcher.EnableRaisingEvents = false;
        // A kill that raced with the end of the run. Before the run finished its work, the exit code tells (SIGKILL gives
        // 137). After it (the final hash and "done" printed, every checkpoint written), the kill only cut the process's
        // exit short: on a loaded machine the watcher's event can come seconds late. That run ran to the end.
        bool requested = Volatile.Read(ref killed) == 1;
        bool finished = FinalHash(child.Lines) is not null && child.Lines.Any(l => l.StartsWith("done ", StringComparison.Ordinal));
        if (requested && finished && exit == 137) exit = 0;
        bool wasKilled = requested && exit != 0 && !finished;
        return (child, wasKilled, exit);
    }

    private static void CountChildLines(IReadOnlyList<string> lines, FaultInjectionReport report)
    {
        foreach (string line in lines)
        {
            if (line.StartsWith("resume from=", StringComparison.Ordinal)) report.Resumes++;
            else if (line == "resume none") report.FreshStarts++;
            else if (line.StartsWith("stale-temp ", StringComparison.Ordinal)) report.StaleTempFilesSeenByChild++;
            else if (line.StartsWith("corrupt-checkpoint ", StringComparison.Ordinal))
            {
                report.CorruptCheckpointsSeenByChild++;
                report.Failures.Add("the train command found a corrupt checkpoint: " + line);
            }
            else if (line.StartsWith("stderr: ", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal))
            {
                report.Failures.Add("the train command wrote: " + line);
            }
        }
    }

    /// <summary>
    /// Temporary files a kill left (not counted before: a start killed before it cleans up leaves them for the next):
    /// the half-written ones fail to read back, complete ones were never renamed.
    /// </summary>
    private static (int HalfWritten, int Complete) InspectTemporaryFiles(string directory, HashSet<string> seen, FaultInjectionReport report)
    {
        int half = 0, complete = 0;
        foreach (string temporary in Directory.GetFiles(directory, TrainCommand.TempPattern))
        {
            if (!seen.Add(Path.GetFileName(temporary))) continue;
            if (TrainCommand.Inspect(temporary).Valid) complete++;
            else half++;
        }
        report.HalfWrittenTempFiles += half;
        report.CompleteUnrenamedTempFiles += complete;
        return (half, complete);
    }

    /// <summary>Loads every checkpoint in the directory in full (network, optimizer, metadata) into a fresh network.</summary>
    private static int ValidateCheckpoints(string directory, TrainSettings train, FaultInjectionReport report)
    {
        int corrupt = 0;
        foreach (string path in Directory.GetFiles(directory, "checkpoint-epoch-*"))
        {
            report.CheckpointsValidated++;
            try
            {
                Checkpoint.Load(path, Networks.Create(train.Net, train.Seed), new AdamW());
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
            {
                corrupt++;
                report.CorruptCheckpoints++;
                report.Failures.Add($"{path} does not load after a kill: {e.Message}");
            }
        }
        return corrupt;
    }

    private static int LatestEpoch(string directory)
    {
        if (Checkpoint.FindLatest(directory) is not { } latest) return 0;
        string name = Path.GetFileNameWithoutExtension(latest);
        return int.Parse(name.AsSpan(name.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);
    }

    private static string? FinalHash(IReadOnlyList<string> lines) =>
        lines.LastOrDefault(l => l.StartsWith("final-hash ", StringComparison.Ordinal))?["final-hash ".Length..];

    /// <summary>Seconds from the start to the resume line, and per epoch after it.</summary>
    private static (double Startup, double Epoch) Timings(IReadOnlyList<(double Seconds, string Line)> lines, int epochs)
    {
        double resumed = lines.First(l => l.Line.StartsWith("resume ", StringComparison.Ordinal)).Seconds;
        double last = lines.Last(l => l.Line.StartsWith("epoch ", StringComparison.Ordinal)).Seconds;
        return (resumed, Math.Max(0.01, (last - resumed) / epochs));
    }

    private static string Fresh(string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
