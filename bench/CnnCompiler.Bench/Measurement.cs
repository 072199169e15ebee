using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CnnCompiler.Bench;

/// <summary>Medians and percentiles of timed repetitions.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    /// <summary>The value at fraction <paramref name="p"/> of the sorted values (the median interpolates between the middle two).</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        if (p == 0.5 && sorted.Length % 2 == 0) return (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}

/// <summary>
/// How busy the machine was with other processes during a measurement: the CPU time of the whole machine
/// (<c>/proc/stat</c>) minus this process's own (<c>/proc/self/stat</c>), as a fraction of all CPUs (0 = quiet).
/// The same estimate as the peer scripts' <c>other_load</c>. NaN where /proc is missing.
/// </summary>
internal readonly struct CpuMark
{
    /// <summary>A measurement counts as quiet when other processes used less than this share of all CPUs.</summary>
    public const double QuietThreshold = 0.10;

    private const double TicksPerSecond = 100.0; // USER_HZ, the unit of /proc/stat and /proc/self/stat on Linux
    private readonly long _timestamp;
    private readonly double _machineBusySeconds;
    private readonly double _ownSeconds;

    private CpuMark(long timestamp, double machineBusySeconds, double ownSeconds)
    {
        _timestamp = timestamp;
        _machineBusySeconds = machineBusySeconds;
        _ownSeconds = ownSeconds;
    }

    public static CpuMark Now()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal ...
            string[] cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double busy = 0;
            foreach (int field in (ReadOnlySpan<int>)[1, 2, 3, 6, 7, 8]) busy += long.Parse(cpu[field], CultureInfo.InvariantCulture);
            // pid (comm) state ... utime(14) stime(15): fields after the closing parenthesis, which comm may not contain twice.
            string self = File.ReadAllText("/proc/self/stat");
            string[] rest = self[(self.LastIndexOf(')') + 2)..].Split(' ');
            double own = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
            return new CpuMark(Stopwatch.GetTimestamp(), busy / TicksPerSecond, own / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return new CpuMark(Stopwatch.GetTimestamp(), double.NaN, double.NaN);
        }
    }

    /// <summary>The share of all CPUs used by other processes since this mark.</summary>
    public double OtherLoadSince() => Since().OtherLoad;

    /// <summary>
    /// Since this mark: the share of all CPUs used by other processes, and the cores this process kept busy on average
    /// (its CPU time over the wall time: about 1 for one thread, about N for N busy threads).
    /// </summary>
    public (double OtherLoad, double CoresUsed) Since()
    {
        CpuMark now = Now();
        double wall = Stopwatch.GetElapsedTime(_timestamp, now._timestamp).TotalSeconds;
        if (wall <= 0) return (double.NaN, double.NaN);
        double own = now._ownSeconds - _ownSeconds;
        double other = (now._machineBusySeconds - _machineBusySeconds) - own;
        return (Math.Max(0, other / (Environment.ProcessorCount * wall)), own / wall);
    }
}

/// <summary>Writes the machine-readable <c>RESULT name key=value …</c> lines (invariant culture, no spaces in values).</summary>
internal sealed class ResultLine(string name)
{
    private readonly StringBuilder _text = new StringBuilder("RESULT ").Append(name);

    public ResultLine Add(string key, string value)
    {
        _text.Append(' ').Append(key).Append('=').Append(value.Replace(' ', '_'));
        return this;
    }

    public ResultLine Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public ResultLine Add(string key, double value, int decimals = 1) =>
        Add(key, double.IsNaN(value) ? "nan" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    public void Print()
    {
        Console.WriteLine(_text.ToString());
        Console.Out.Flush();
    }
}
