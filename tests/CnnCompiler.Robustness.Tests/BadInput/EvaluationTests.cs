namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows E1–E3 of docs/bad-input.md: Evaluation over a data set.</summary>
public class EvaluationTests
{
    [Fact]
    public void E1_null_arguments_batch_size_zero_and_data_of_the_wrong_shape()
    {
        var net = new TinyNet(1);
        var data = Samples.Tiny(8);
        Assert.Throws<ArgumentNullException>("network", () => Evaluation.Accuracy(null!, data));
        Assert.Throws<ArgumentNullException>("data", () => Evaluation.MeanLoss(net, null!));
        Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => Evaluation.Accuracy(net, data, batchSize: 0));
        var wrongShape = new Dataset(new float[2 * 49], [0, 1], 1, 7, 7);
        foreach (Action call in new Action[]
        {
            () => Evaluation.Accuracy(net, wrongShape),
            () => Evaluation.MeanLoss(net, wrongShape),
            () => Evaluation.ConfusionMatrix(net, wrongShape, 3),
        })
        {
            Messages.Names(Assert.Throws<ArgumentException>("data", call), "64", "49", "1×7×7");
        }
    }

    [Fact]
    public void E2_labels_outside_the_network_classes_are_named_with_their_sample()
    {
        var net = new TinyNet(1);
        var labels = Enumerable.Range(0, 300).Select(i => i % 3).ToArray();
        labels[290] = 5; // in the second batch of 256
        var data = new Dataset(Samples.Inputs(300, 64, 1), labels, 1, 8, 8);
        foreach (Action call in new Action[]
        {
            () => Evaluation.Accuracy(net, data),
            () => Evaluation.MeanLoss(net, data),
            () => Evaluation.ConfusionMatrix(net, data, 3),
        })
        {
            Messages.Names(Assert.ThrowsAny<ArgumentException>(call), "Label 5", "sample 290", "3 classes");
        }
    }

    [Fact]
    public void E3_confusion_matrix_class_count_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>("classCount", () => Evaluation.ConfusionMatrix(new TinyNet(1), Samples.Tiny(4), 0));
    }
}
