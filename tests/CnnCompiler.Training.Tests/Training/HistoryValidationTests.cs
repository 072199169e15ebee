namespace CnnCompiler.Training.Tests.Training;

/// <summary>TrainingHistory.FromJson refuses what no history can hold, and still reads what ToJson writes for values that were not finite.</summary>
public sealed class HistoryValidationTests
{
    private static string Epoch(int epoch, string loss = "0.5", string accuracy = "0.75", int steps = 10) =>
        $$"""{"epoch": {{epoch}}, "steps": {{steps}}, "loss": {{loss}}, "accuracy": {{accuracy}}, "val_loss": null, "val_accuracy": null, "learning_rate": 0.05, "seconds": 1, "images_per_second": 100}""";

    private static string History(string best, params string[] epochs) =>
        $$"""{"epochs": [{{string.Join(", ", epochs)}}], "best_epoch": {{best}}, "stopped_early": false, "restored_best_weights": false}""";

    [Theory]
    [InlineData("entry 1 is epoch 2; epochs must be 1, 2, 3, … in order", 2, 1, "0.5", "0.75", 10, "null")]
    [InlineData("entry 2 has the loss -0.5", 1, 2, "-0.5", "0.75", 10, "null")]
    [InlineData("entry 2 has the accuracy 1.5", 1, 2, "0.5", "1.5", 10, "null")]
    [InlineData("entry 2 has 0 steps", 1, 2, "0.5", "0.75", 0, "null")]
    [InlineData("best_epoch 3 is not one of the 2 epochs", 1, 2, "0.5", "0.75", 10, "3")]
    public void What_no_history_can_hold_is_refused(string named, int first, int second, string loss, string accuracy, int steps, string best)
    {
        var error = Assert.Throws<InvalidDataException>(() => TrainingHistory.FromJson(History(best, Epoch(first), Epoch(second, loss, accuracy, steps))));
        Assert.Equal($"The training history is not valid: {named}.", error.Message);
    }

    [Fact]
    public void A_value_that_was_not_finite_reads_back_as_nan()
    {
        TrainingHistory history = TrainingHistory.FromJson(History("null", Epoch(1), Epoch(2, loss: "null", accuracy: "null")));
        Assert.True(double.IsNaN(history.Epochs[1].Loss));
        Assert.Null(history.Epochs[1].Accuracy);
    }
}
