namespace CnnCompiler;

/// <summary>One line of a training-curve panel.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Epochs">The x values.</param>
/// <param name="Values">One value per entry of <paramref name="Epochs"/>, as plotted.</param>
/// <param name="Validation">Drawn dashed in the validation colour when true, solid in the training colour when false.</param>
internal sealed record CurveSeries(string Label, double[] Epochs, double[] Values, bool Validation);

/// <summary>One panel: a title, the y-axis label, where its legend goes, and its lines.</summary>
internal sealed record CurvePanel(string Title, string YLabel, ScottPlot.Alignment Legend, CurveSeries[] Series);
