namespace CnnCompiler;

/// <summary>One plain line per epoch, for logs and CI.</summary>
internal sealed class ProgressLines(TextWriter writer) : ProgressReporter
{
    public override void Message(string text)
    {
        writer.WriteLine(text);
        writer.Flush();
    }

    public override void EndEpoch(EpochMetrics metrics, int epochs)
    {
        writer.WriteLine(Summary(metrics, epochs));
        writer.Flush();
    }
}
