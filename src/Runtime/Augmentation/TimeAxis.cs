namespace CnnCompiler;

/// <summary>The time axis: the first after channels, of <c>C×L</c> and <c>C×D×H×W</c> samples; images have none.</summary>
internal static class TimeAxis
{
    public static void Require(ReadOnlySpan<int> sampleShape, string transform)
    {
        if (sampleShape.Length == 3)
            throw new ArgumentException(
                $"{transform} works on C×L or C×D×H×W samples; got the image shape {ShapeText.Format(sampleShape)}, which has no time axis " +
                "(use RandomHorizontalFlip or RandomCrop for images).", nameof(sampleShape));
    }
}
