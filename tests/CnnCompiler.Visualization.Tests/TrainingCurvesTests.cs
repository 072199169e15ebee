using CnnCompiler.Visualization.Tests.Support;
using SkiaSharp;

namespace CnnCompiler.Visualization.Tests;

public class TrainingCurvesTests
{
    private static readonly int[] Epochs = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly double[] TrainLoss = [1.9, 1.1, 0.8, 0.65, 0.55, 0.5, 0.46, 0.43];
    private static readonly double[] ValidationLoss = [1.5, 1.0, 0.85, 0.75, 0.7, 0.69, 0.7, 0.72];
    private static readonly double[] TrainAccuracy = [0.45, 0.62, 0.71, 0.77, 0.8, 0.82, 0.84, 0.85];
    private static readonly double[] ValidationAccuracy = [0.5, 0.64, 0.7, 0.74, 0.76, 0.77, 0.77, 0.76];

    /// <summary>Pixels of the image region whose colour is within a small distance of <paramref name="colour"/>.</summary>
    private static int Count(SKBitmap bitmap, int left, int right, Func<SKColor, bool> match)
    {
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = left; x < right; x++) if (match(bitmap.GetPixel(x, y))) count++;
        }
        return count;
    }

    private static Func<SKColor, bool> Near(string hex)
    {
        SKColor target = SKColor.Parse(hex);
        return c => Math.Abs(c.Red - target.Red) + Math.Abs(c.Green - target.Green) + Math.Abs(c.Blue - target.Blue) < 40;
    }

    private static bool Dark(SKColor c) => c.Red < 90 && c.Green < 90 && c.Blue < 90;

    [Fact]
    public void Loss_and_accuracy_panels_have_both_lines_axes_labels_and_legends()
    {
        using var dir = new TempDirectory();
        Visualize.TrainingCurves(dir.File("curves.png"), Epochs, TrainLoss, ValidationLoss, TrainAccuracy, ValidationAccuracy);

        using SKBitmap bitmap = SKBitmap.Decode(dir.File("curves.png"));
        Assert.Equal((1200, 450), (bitmap.Width, bitmap.Height));
        Assert.Equal(SKColors.White, bitmap.GetPixel(2, 2));
        foreach (var (left, right) in new[] { (0, 600), (600, 1200) })
        {
            Assert.True(Count(bitmap, left, right, Near("#1F77B4")) > 300, "the training line (blue) is drawn in each panel");
            Assert.True(Count(bitmap, left, right, Near("#FF7F0E")) > 200, "the validation line (orange) is drawn in each panel");
            // Tick labels and the y-axis title sit left of the plot area: dark text pixels there mean fonts rendered.
            Assert.True(Count(bitmap, left, left + 60, Dark) > 150, "tick labels and axis title are drawn");
        }
        // The x-axis title and tick labels sit below the data area.
        int dark = 0;
        for (int y = 400; y < 450; y++)
        {
            for (int x = 100; x < 550; x++) if (Dark(bitmap.GetPixel(x, y))) dark++;
        }
        Assert.True(dark > 100, "x tick labels and title are drawn");
    }

    [Fact]
    public void Our_decoder_reads_the_library_png_with_the_requested_size()
    {
        using var dir = new TempDirectory();
        Visualize.TrainingCurves(dir.File("small.png"), Epochs, TrainLoss, [], [], [], width: 400, height: 300);
        DecodedPng png = PngDecoder.Read(dir.File("small.png"));
        Assert.Equal((400, 300), (png.Width, png.Height));
        int background = 0, other = 0;
        for (int y = 0; y < png.Height; y++)
        {
            for (int x = 0; x < png.Width; x++)
            {
                if (png.At(x, y, 0) == 255 && png.At(x, y, 1) == 255 && png.At(x, y, 2) == 255) background++;
                else other++;
            }
        }
        Assert.True(other > 2000 && background > other, $"{other} drawn pixels on {background} background pixels");
    }

    [Fact]
    public void Non_finite_values_are_left_out_and_the_finite_points_drawn()
    {
        using var dir = new TempDirectory();
        double[] diverged = [.. TrainLoss];
        diverged[3] = double.NaN;
        diverged[4] = double.PositiveInfinity;
        Visualize.TrainingCurves(dir.File("nan.png"), Epochs, diverged, [], [], [], width: 600, height: 400);

        using SKBitmap bitmap = SKBitmap.Decode(dir.File("nan.png"));
        Assert.True(Count(bitmap, 0, 600, Near("#1F77B4")) > 300, "the finite points are still drawn");
    }

    [Fact]
    public void Series_of_the_wrong_length_and_nothing_to_plot_are_refused()
    {
        using var dir = new TempDirectory();
        var wrong = Assert.Throws<ArgumentException>(() =>
            Visualize.TrainingCurves(dir.File("x.png"), Epochs, TrainLoss, [1.0, 2.0], [], []));
        Assert.Equal("validationLoss", wrong.ParamName);
        Assert.Contains("2 values for 8 epochs", wrong.Message);

        Assert.Throws<ArgumentException>(() => Visualize.TrainingCurves(dir.File("x.png"), Epochs, [], [], [], []));
        Assert.Throws<ArgumentException>(() => Visualize.TrainingCurves(dir.File("x.png"), [], [], [], [], []));
        Assert.False(File.Exists(dir.File("x.png")));
    }

    [Fact]
    public void A_training_history_plots_each_metric_at_the_epochs_that_measured_it()
    {
        // Training accuracy off; validation every second epoch; epoch 3 diverged (loss null in JSON, NaN in memory).
        string Epoch(int epoch, string loss, string validationLoss, string validationAccuracy) =>
            $$"""{"epoch": {{epoch}}, "steps": 10, "loss": {{loss}}, "accuracy": null, "val_loss": {{validationLoss}}, "val_accuracy": {{validationAccuracy}}, "learning_rate": 0.05, "seconds": 1, "images_per_second": 100}""";
        TrainingHistory history = TrainingHistory.FromJson($$"""
            {"epochs": [{{Epoch(1, "1.2", "null", "null")}}, {{Epoch(2, "0.8", "0.9", "0.7")}}, {{Epoch(3, "null", "null", "null")}},
                        {{Epoch(4, "0.5", "0.7", "0.75")}}],
             "best_epoch": null, "stopped_early": false, "restored_best_weights": false}
            """);
        Assert.True(double.IsNaN(history.Epochs[2].Loss));

        using var dir = new TempDirectory();
        Visualize.TrainingCurves(dir.File("history.png"), history);

        using SKBitmap bitmap = SKBitmap.Decode(dir.File("history.png"));
        Assert.Equal((1200, 450), (bitmap.Width, bitmap.Height));
        Assert.True(Count(bitmap, 0, 600, Near("#1F77B4")) > 300, "training loss in the loss panel");
        Assert.True(Count(bitmap, 0, 600, Near("#FF7F0E")) > 100, "validation loss in the loss panel");
        Assert.True(Count(bitmap, 600, 1200, Near("#FF7F0E")) > 100, "validation accuracy in the accuracy panel");
        Assert.Equal(0, Count(bitmap, 600, 1200, Near("#1F77B4"))); // no training accuracy: no blue line, no blue legend entry
    }

    [Fact]
    public void Accuracy_is_plotted_in_percent_and_the_second_series_is_named_as_the_caller_says()
    {
        // As samples/LeNet does: the second series was measured on the test set.
        CurvePanel?[] panels = VisualizeTrainingCurves.Panels(Epochs, TrainLoss, ValidationLoss, TrainAccuracy, ValidationAccuracy, validationLabel: "test");
        ScottPlot.Multiplot multiplot = CurvePlot.Build(panels);
        Assert.Equal(2, ScottPlot.IMultiplotExtensions.GetPlots(multiplot).Length);
        ScottPlot.Plot loss = ScottPlot.IMultiplotExtensions.GetPlot(multiplot, 0), accuracy = ScottPlot.IMultiplotExtensions.GetPlot(multiplot, 1);

        Assert.Equal("loss", loss.Axes.Left.Label.Text);
        Assert.Equal("accuracy (%)", accuracy.Axes.Left.Label.Text);
        foreach (ScottPlot.Plot plot in new[] { loss, accuracy })
        {
            Assert.Equal(["train", "test"], plot.GetPlottables<ScottPlot.Plottables.Scatter>().Select(s => s.LegendText));
        }
        double[] Ys(ScottPlot.Plot plot, int series) =>
            [.. plot.GetPlottables<ScottPlot.Plottables.Scatter>().ElementAt(series).Data.GetScatterPoints().Select(p => p.Y)];
        Assert.Equal(TrainAccuracy.Select(a => a * 100), Ys(accuracy, 0), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(ValidationAccuracy.Select(a => a * 100), Ys(accuracy, 1), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(TrainLoss, Ys(loss, 0)); // loss as it is

        // The default name, and the history overload: fractions from the trainer, plotted in percent too.
        Assert.Equal("validation", VisualizeTrainingCurves.Panels(Epochs, TrainLoss, ValidationLoss, [], [], VisualizeTrainingCurves.DefaultValidationLabel)[0]!.Series[1].Label);
        TrainingHistory history = TrainingHistory.FromJson("""
            {"epochs": [{"epoch": 1, "steps": 10, "loss": 0.9, "accuracy": 0.5, "val_loss": 0.8, "val_accuracy": 0.625, "learning_rate": 0.05, "seconds": 1, "images_per_second": 100}],
             "best_epoch": null, "stopped_early": false, "restored_best_weights": false}
            """);
        CurvePanel historyAccuracy = VisualizeTrainingCurves.Panels(history, "test")[1]!;
        Assert.Equal([50.0], historyAccuracy.Series[0].Values);
        Assert.Equal([62.5], historyAccuracy.Series[1].Values);
        Assert.Equal("test", historyAccuracy.Series[1].Label);
    }

    [Fact]
    public void An_accuracy_given_in_percent_is_refused_rather_than_drawn_100_times_too_high()
    {
        using var dir = new TempDirectory();
        var percent = Assert.Throws<ArgumentException>(() =>
            Visualize.TrainingCurves(dir.File("x.png"), [1, 2], [], [], [], [81.5, 84.2]));
        Assert.Equal("validationAccuracy", percent.ParamName);
        Assert.Contains("81.5", percent.Message);
        Assert.Contains("fractions from 0 to 1", percent.Message);
        Assert.Throws<ArgumentException>(() => Visualize.TrainingCurves(dir.File("x.png"), [1], [1.0], [], [], [], validationLabel: " "));
        Assert.False(File.Exists(dir.File("x.png")));
    }

    [Fact]
    public void An_empty_history_is_refused()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => Visualize.TrainingCurves(dir.File("x.png"), new TrainingHistory()));
    }
}
