namespace CnnCompiler;

/// <summary>
/// What a reader of one known data set expects of an IDX file, checked against its header before any data is read:
/// the element type, the shape of one item (the dimensions after the count) and the largest count.
/// </summary>
/// <param name="What">The files' role for messages: "Fashion-MNIST images".</param>
/// <param name="ElementType">The element type the header must declare.</param>
/// <param name="ItemShape">The dimensions after the count.</param>
/// <param name="MaxCount">The largest count (the first dimension).</param>
internal sealed record IdxLayout(string What, IdxElementType ElementType, int[] ItemShape, int MaxCount)
{
    public void Check(IdxElementType elementType, ReadOnlySpan<int> dimensions, string source)
    {
        if (elementType == ElementType && dimensions.Length == ItemShape.Length + 1 && dimensions[1..].SequenceEqual(ItemShape) && dimensions[0] <= MaxCount)
            return;
        string item = ItemShape.Length == 0 ? "" : "×" + ShapeText.Format(ItemShape);
        throw new InvalidDataException(
            $"{source}: {What} are N{item} {ElementType.DisplayName()} with N from 1 to {ShapeText.Count(MaxCount)}; " +
            $"the file's header declares {ShapeText.Format(dimensions)} {elementType.DisplayName()}.");
    }
}
