namespace CnnCompiler;

/// <summary>
/// Accuracy, mean loss and confusion matrices of a network over a whole <see cref="Dataset"/>, in data-set order and
/// in batches so that a network's per-batch workspaces stay small. Batches are views of the data set, not copies.
/// </summary>
public static class Evaluation
{
    public const int DefaultBatchSize = 256;

    /// <summary>The fraction of samples whose predicted class equals their label.</summary>
    public static double Accuracy(IClassifier network, Dataset data, int batchSize = DefaultBatchSize)
    {
        Validate(network, data, batchSize);
        long correct = 0;
        int[] predicted = new int[Math.Min(batchSize, data.Count)];
        ForEachBatch(data, batchSize, (inputs, labels) =>
        {
            var predictions = predicted.AsSpan(0, labels.Length);
            network.Classify(inputs, predictions);
            for (int i = 0; i < labels.Length; i++)
                if (predictions[i] == labels[i]) correct++;
        });
        return (double)correct / data.Count;
    }

    /// <summary>The mean loss per sample: each batch's mean from <see cref="IClassifier.ComputeLoss"/>, weighted by its size.</summary>
    public static double MeanLoss(IClassifier network, Dataset data, int batchSize = DefaultBatchSize)
    {
        Validate(network, data, batchSize);
        double total = 0;
        ForEachBatch(data, batchSize, (inputs, labels) =>
            total += (double)network.ComputeLoss(inputs, labels) * labels.Length);
        return total / data.Count;
    }

    /// <summary>
    /// Counts of (true class, predicted class) pairs: <c>matrix[label, prediction]</c>, rows summing to each class's
    /// sample count. Labels must lie in <c>0 … classCount − 1</c>; so must the network's predictions.
    /// </summary>
    public static int[,] ConfusionMatrix(IClassifier network, Dataset data, int classCount, int batchSize = DefaultBatchSize)
    {
        Validate(network, data, batchSize);
        data.ValidateLabels(classCount);
        var matrix = new int[classCount, classCount];
        int[] predicted = new int[Math.Min(batchSize, data.Count)];
        ForEachBatch(data, batchSize, (inputs, labels) =>
        {
            var predictions = predicted.AsSpan(0, labels.Length);
            network.Classify(inputs, predictions);
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)predictions[i] >= (uint)classCount)
                    throw new InvalidOperationException(
                        $"The network predicted class {predictions[i]}, outside the {classCount} classes 0…{classCount - 1}.");
                matrix[labels[i], predictions[i]]++;
            }
        });
        return matrix;
    }

    private delegate void BatchAction(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    private static void Validate(IClassifier network, Dataset data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.SampleLength != network.InputLength)
            throw new ArgumentException(
                $"The network takes {network.InputLength} floats per sample ({ShapeText.Format(network.InputShape)}) but the data set's " +
                $"samples have {data.SampleLength} ({ShapeText.Format(data.SampleShape)}).", nameof(data));
        if (data.Count == 0)
            throw new ArgumentException("The data set is empty; there is nothing to evaluate.", nameof(data));
        // A label the network cannot predict would count as wrong silently (accuracy) or fail inside a batch with an
        // index relative to that batch (loss): name the sample of the data set instead.
        data.ValidateLabels(network.OutputLength);
    }

    private static void ForEachBatch(Dataset data, int batchSize, BatchAction action)
    {
        int length = data.SampleLength;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            action(data.Samples.Slice(start * length, count * length), data.Labels.Slice(start, count));
        }
    }
}
