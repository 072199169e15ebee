namespace CnnCompiler;

/// <summary>Turns an image IDX array and a label IDX array into a <see cref="Dataset"/>, checking that they belong together.</summary>
internal static class DatasetFromIdx
{
    public static Dataset Create(IdxArray images, IdxArray labels, float divisor, string imagesSource, string labelsSource)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Dimensions.Length != 1)
            throw new InvalidDataException(
                $"{labelsSource}: a label file has one dimension; found {ShapeText.Format(labels.Dimensions)}.");
        if (!labels.ElementType.IsInteger())
            throw new InvalidDataException(
                $"{labelsSource}: labels must be integers; found {labels.ElementType.DisplayName()}.");
        if (images.Dimensions.Length < 2)
            throw new InvalidDataException(
                $"{imagesSource}: an image file has at least two dimensions (count first); found {ShapeText.Format(images.Dimensions)}.");
        if (images.Count != labels.Count)
            throw new InvalidDataException(
                $"{imagesSource} holds {ShapeText.Count(images.Count)} images but {labelsSource} holds {ShapeText.Count(labels.Count)} labels; they must match.");
        return new Dataset(images.ToSingleArray(divisor), labels.ToInt32Array(), SampleShape(images.Dimensions));
    }

    // IDX images are N×H×W (one channel) or N×C×H×W; PyTorch-style samples always carry the channel dimension.
    private static int[] SampleShape(ReadOnlySpan<int> imageDimensions) => imageDimensions.Length == 3
        ? [1, imageDimensions[1], imageDimensions[2]]
        : imageDimensions[1..].ToArray();
}
