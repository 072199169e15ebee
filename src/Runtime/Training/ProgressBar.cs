using System.Diagnostics;
using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// A progress bar redrawn in place with a carriage return, at most ten times a second:
/// <c>Epoch 3/10 [#########-----------] 45/100  1,234 img/s  ETA 0:05  loss 0.4321</c>. Each redraw is formatted into a
/// reused character buffer, so steps allocate nothing; the epoch ends with its summary line.
/// </summary>
internal sealed class ProgressBar(TextWriter writer) : ProgressReporter
{
    private const int BarWidth = 24;
    private static readonly long RedrawInterval = Stopwatch.Frequency / 10;

    private readonly char[] _line = new char[160];
    private int _length;
    private int _lastLength;
    private int _epoch;
    private int _epochs;
    private int _steps;
    private long _start;
    private long _lastDraw;

    public override void Message(string text)
    {
        writer.WriteLine(text);
        writer.Flush();
    }

    public override void BeginEpoch(int epoch, int epochs, int steps)
    {
        _epoch = epoch;
        _epochs = epochs;
        _steps = steps;
        _start = _lastDraw = Stopwatch.GetTimestamp();
        _lastLength = 0;
    }

    public override void Step(int step, long samples, double runningLoss)
    {
        long now = Stopwatch.GetTimestamp();
        if (now - _lastDraw < RedrawInterval && step < _steps) return;
        _lastDraw = now;
        double seconds = (double)(now - _start) / Stopwatch.Frequency;
        double eta = step > 0 ? seconds / step * (_steps - step) : 0;

        _length = 0;
        Append('\r');
        Append("Epoch ");
        Append(_epoch);
        Append('/');
        Append(_epochs);
        Append(" [");
        int filled = (int)((long)BarWidth * step / Math.Max(1, _steps));
        for (int i = 0; i < BarWidth; i++) Append(i < filled ? '#' : '-');
        Append("] ");
        Append(step);
        Append('/');
        Append(_steps);
        Append("  ");
        Append(seconds > 0 ? samples / seconds : 0, "N0");
        Append(" img/s  ETA ");
        AppendDuration(eta);
        Append("  loss ");
        Append(runningLoss, "F4");
        int visible = _length;
        for (int i = visible; i < _lastLength && _length < _line.Length; i++) Append(' ');
        _lastLength = visible;
        writer.Write(_line, 0, _length);
        writer.Flush();
    }

    public override void EndEpoch(EpochMetrics metrics, int epochs)
    {
        string summary = Summary(metrics, epochs);
        writer.Write('\r');
        writer.Write(summary);
        for (int i = summary.Length + 1; i < _lastLength; i++) writer.Write(' ');
        writer.WriteLine();
        writer.Flush();
        _lastLength = 0;
    }

    private void Append(char c)
    {
        if (_length < _line.Length) _line[_length++] = c;
    }

    private void Append(string text)
    {
        foreach (char c in text) Append(c);
    }

    private void Append(int value)
    {
        if (value.TryFormat(_line.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture)) _length += written;
    }

    private void Append(double value, string format)
    {
        if (value.TryFormat(_line.AsSpan(_length), out int written, format, CultureInfo.InvariantCulture)) _length += written;
    }

    private void AppendDuration(double seconds)
    {
        long total = (long)Math.Ceiling(seconds);
        long hours = total / 3600, minutes = total / 60 % 60, rest = total % 60;
        if (hours > 0)
        {
            Append((int)hours);
            Append(':');
        }
        if (hours > 0 && minutes < 10) Append('0');
        Append((int)minutes);
        Append(':');
        if (rest < 10) Append('0');
        Append((int)rest);
    }
}
