namespace CnnCompiler.Runtime.Tests;

public class EvaluationTests
{
    // Five samples of three scores; the fake network predicts the highest score's index.
    // Predictions: 0, 1, 2, 2, 0; labels: 0, 1, 1, 2, 2 → 3 of 5 correct.
    private static readonly Dataset Data = new(
        [
            5, 1, 0,
            1, 4, 2,
            2, 1, 3,
            0, 0, 9,
            7, 2, 1,
        ],
        [0, 1, 1, 2, 2],
        3);

    [Fact]
    public void Accuracy_counts_matching_predictions_across_batches()
    {
        var network = new FakeNetwork(3);

        double accuracy = Evaluation.Accuracy(network, Data, batchSize: 2);

        Assert.Equal(0.6, accuracy, 12);
        Assert.Equal([2, 2, 1], network.BatchSizesSeen);
    }

    [Fact]
    public void MeanLoss_weights_each_batch_by_its_size()
    {
        // Per-sample losses are the first scores 5, 1, 2, 0, 7: mean 3. Batches of 3 and 2 have means 8/3 and 3.5;
        // averaging those unweighted would give 3.0833.
        double loss = Evaluation.MeanLoss(new FakeNetwork(3), Data, batchSize: 3);

        Assert.Equal(3.0, loss, 6);
    }

    [Fact]
    public void ConfusionMatrix_rows_are_labels_and_columns_predictions()
    {
        int[,] matrix = Evaluation.ConfusionMatrix(new FakeNetwork(3), Data, classCount: 3);

        Assert.Equal(new int[,] { { 1, 0, 0 }, { 0, 1, 1 }, { 1, 0, 1 } }, matrix);
    }

    [Fact]
    public void Sample_length_must_match_the_network_input()
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(new FakeNetwork(4), Data));

        Assert.StartsWith("The network takes 4 floats per sample (4) but the data set's samples have 3 (3).", error.Message);
    }

    [Fact]
    public void Batch_size_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.MeanLoss(new FakeNetwork(3), Data, batchSize: 0));
    }

    [Fact]
    public void ConfusionMatrix_rejects_labels_outside_the_classes()
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluation.ConfusionMatrix(new FakeNetwork(3), Data, classCount: 2));

        Assert.StartsWith("Label 2 of sample 3 is outside the 2 classes 0…1.", error.Message);
    }
}
