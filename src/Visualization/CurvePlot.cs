using ScottPlot;
using ScottPlot.TickGenerators;

namespace CnnCompiler;

/// <summary>Loss and accuracy per epoch side by side, each panel with axes, tick labels and a legend.</summary>
internal static class CurvePlot
{
    /// <summary>Training lines: matplotlib's first colour, solid.</summary>
    public static readonly Color TrainColor = Color.FromHex("#1F77B4");

    /// <summary>Validation lines: matplotlib's second colour, dashed.</summary>
    public static readonly Color ValidationColor = Color.FromHex("#FF7F0E");

    /// <summary>The loss panel keeps its legend top right (loss falls), the accuracy panel bottom right (accuracy rises).</summary>
    public static CurvePanel? Loss(params CurveSeries[] series) => Panel("Loss", "loss", Alignment.UpperRight, series);

    /// <summary>
    /// Accuracy in percent, as the console and Evaluation report it (<c>P2</c>): the series hold fractions (0 to 1, as
    /// <see cref="Evaluation.Accuracy"/> and <see cref="TrainingHistory"/> give them) and are plotted × 100.
    /// </summary>
    public static CurvePanel? Accuracy(params CurveSeries[] series) =>
        Panel("Accuracy", "accuracy (%)", Alignment.LowerRight, [.. series.Select(s => s with { Values = [.. s.Values.Select(v => v * 100)] })]);

    /// <summary>Draws the panels side by side and saves the PNG.</summary>
    /// <exception cref="ArgumentException">No panel has a series.</exception>
    public static void Save(string path, int width, int height, params CurvePanel?[] panels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
        Build(panels).SavePng(path, width, height);
    }

    /// <summary>The plots, one per panel with a series, before they are drawn.</summary>
    /// <exception cref="ArgumentException">No panel has a series.</exception>
    public static Multiplot Build(params CurvePanel?[] panels)
    {
        CurvePanel[] drawn = panels.OfType<CurvePanel>().ToArray();
        if (drawn.Length == 0) throw new ArgumentException("Every series is empty: nothing to plot.");
        string font = PlotFont.Family();

        var multiplot = new Multiplot();
        multiplot.AddPlots(drawn.Length);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (int i = 0; i < drawn.Length; i++)
        {
            Plot plot = multiplot.GetPlot(i);
            foreach (CurveSeries series in drawn[i].Series)
            {
                var line = plot.Add.Scatter(series.Epochs, series.Values);
                line.LegendText = series.Label;
                line.Color = series.Validation ? ValidationColor : TrainColor;
                line.LineWidth = 2;
                line.MarkerSize = 6;
                line.LinePattern = series.Validation ? LinePattern.Dashed : LinePattern.Solid;
            }
            plot.Title(drawn[i].Title);
            plot.XLabel("epoch");
            plot.YLabel(drawn[i].YLabel);
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
            plot.ShowLegend(drawn[i].Legend);
            plot.Font.Set(font);
        }
        return multiplot;
    }

    private static CurvePanel? Panel(string title, string yLabel, Alignment legend, CurveSeries[] series)
    {
        CurveSeries[] kept = series.Where(s => s.Values.Length > 0).ToArray();
        return kept.Length == 0 ? null : new CurvePanel(title, yLabel, legend, kept);
    }
}
