using System.Diagnostics;
using Xunit.Abstractions;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>What one call on a mutant did: the exception it threw (if any), the bytes it allocated on its thread, its time.</summary>
internal readonly record struct Attempt(Exception? Error, long Allocated, TimeSpan Elapsed)
{
    public static Attempt Of(Action call)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        Exception? error = null;
        try
        {
            call();
        }
        catch (Exception e)
        {
            error = e;
        }
        return new Attempt(error, GC.GetAllocatedBytesForCurrentThread() - before, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// The call's exception is one the docs promise for this reader (exactly one of <paramref name="documented"/>), names
    /// the file, and is short; it took less than <see cref="FuzzSettings.MaxPerMutant"/> and allocated at most
    /// <paramref name="allocationBound"/> bytes.
    /// </summary>
    public void AssertRefused(string path, long allocationBound, params Type[] documented)
    {
        Assert.True(Error is not null, "the mutant was not refused");
        Assert.True(documented.Contains(Error.GetType()), $"{Error.GetType().Name} is not documented here: {Error}");
        Assert.True(Error.Message.Contains(path, StringComparison.Ordinal), $"the message does not name {path}: {Error.Message}");
        Assert.True(Error.Message.Length <= FuzzSettings.MaxMessageLength + path.Length * 3, $"a message of {Error.Message.Length:N0} characters");
        AssertBounded(allocationBound);
    }

    public void AssertBounded(long allocationBound)
    {
        Assert.True(Elapsed < FuzzSettings.MaxPerMutant, $"took {Elapsed.TotalSeconds:F1} s");
        Assert.True(Allocated <= allocationBound, $"allocated {Allocated:N0} bytes, more than the bound of {allocationBound:N0}");
    }
}

/// <summary>
/// Runs a reader's mutants on a thread of their own, so that a call that blocks fails the test (naming the mutant)
/// instead of hanging it; collects every failed check with its mutant, and counts what happened.
/// </summary>
internal sealed class MutantRunner(string reader, ITestOutputHelper output)
{
    private readonly Dictionary<string, int> _outcomes = [];
    private readonly List<string> _failures = [];
    private long _maxAllocated;
    private TimeSpan _slowest;
    private volatile string _current = "(none yet)";

    /// <summary>Checks <paramref name="count"/> mutants; <paramref name="check"/> returns the outcome's name ("refused", "read as the pristine file") or fails an assertion.</summary>
    public void Run(int count, ulong seed, Func<SeededRandom, Mutant> next, Func<Mutant, (string Outcome, Attempt Attempt)> check)
    {
        var stopwatch = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            var random = new SeededRandom(seed);
            for (int i = 0; i < count; i++)
            {
                _current = $"mutant {i}";
                try
                {
                    Mutant mutant = next(random);
                    _current = $"mutant {i}: {mutant}";
                    var (outcome, attempt) = check(mutant);
                    string key = $"{outcome}";
                    _outcomes[key] = _outcomes.GetValueOrDefault(key) + 1;
                    _maxAllocated = Math.Max(_maxAllocated, attempt.Allocated);
                    if (attempt.Elapsed > _slowest) _slowest = attempt.Elapsed;
                }
                catch (Exception e)
                {
                    _failures.Add($"{_current}: {(e is Xunit.Sdk.XunitException ? e.Message : e.ToString())}");
                }
            }
        }, maxStackSize: 16 << 20) { IsBackground = true, Name = $"fuzz {reader}" };
        thread.Start();
        TimeSpan limit = TimeSpan.FromSeconds(60) + count * FuzzSettings.MaxPerMutant / 20;
        Assert.True(thread.Join(limit), $"{reader}: the fuzz run did not finish within {limit.TotalSeconds:F0} s; it is stuck at {_current}");
        output.WriteLine($"{reader}: {count} mutants in {stopwatch.Elapsed.TotalSeconds:F1} s (seed {seed}); " +
                         string.Join(", ", _outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value} {o.Key}")) +
                         $"; at most {_maxAllocated:N0} bytes allocated and {_slowest.TotalMilliseconds:F0} ms for one mutant; {_failures.Count} failures");
        Assert.True(_failures.Count == 0, $"{reader}: {_failures.Count} of {count} mutants failed:\n" + string.Join("\n", _failures.Take(20)));
    }

    /// <summary>How many mutants ended in <paramref name="outcome"/>.</summary>
    public int Count(string outcome) => _outcomes.GetValueOrDefault(outcome);
}
