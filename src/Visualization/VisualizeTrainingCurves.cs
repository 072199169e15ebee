namespace CnnCompiler;

/// <summary>Adds <c>Visualize.TrainingCurves</c> to <see cref="Visualize"/> (a C# 14 static extension: <c>using CnnCompiler;</c> is all it takes).</summary>
public static class VisualizeTrainingCurves
{
    /// <summary>The legend's default name for the second series of each panel.</summary>
    public const string DefaultValidationLabel = "validation";

    extension(Visualize)
    {
        /// <summary>
        /// Writes loss and accuracy per epoch as a PNG: a loss panel and an accuracy panel side by side, each with its
        /// training line (solid blue) and validation line (dashed orange), axes, tick labels and a legend. Accuracy is
        /// plotted in percent, as the console prints it. A series may be empty (not recorded); a panel with no series
        /// is left out. Non-finite values (a diverged epoch) get no point, and the line joins their neighbours.
        /// </summary>
        /// <param name="path">The PNG file to write (replaced if it exists).</param>
        /// <param name="epochs">The epoch numbers, the x axis.</param>
        /// <param name="trainLoss">Mean training loss per epoch, or empty.</param>
        /// <param name="validationLoss">Validation loss per epoch, or empty.</param>
        /// <param name="trainAccuracy">Training accuracy per epoch as a fraction (0 to 1, as <see cref="Evaluation.Accuracy"/> returns it), or empty.</param>
        /// <param name="validationAccuracy">Validation accuracy per epoch as a fraction, or empty.</param>
        /// <param name="width">Image width in pixels (at least 200).</param>
        /// <param name="height">Image height in pixels (at least 150).</param>
        /// <param name="validationLabel">The legend's name for the validation series: "test" when they were measured on the test set.</param>
        /// <exception cref="ArgumentException">
        /// No epochs, a series whose length is neither 0 nor the number of epochs, an accuracy outside 0 to 1 (a
        /// percentage passed as a fraction would be drawn 100 times too high), or every series empty.
        /// </exception>
        /// <exception cref="InvalidOperationException">No font is installed (see docs/visualization.md).</exception>
        public static void TrainingCurves(
            string path, int[] epochs, double[] trainLoss, double[] validationLoss, double[] trainAccuracy, double[] validationAccuracy,
            int width = 1200, int height = 450, string validationLabel = DefaultValidationLabel)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            CurvePanel?[] panels = Panels(epochs, trainLoss, validationLoss, trainAccuracy, validationAccuracy, validationLabel);
            CurvePlot.Save(path, width, height, panels);
        }

        /// <summary>
        /// Writes the curves of a <see cref="TrainingHistory"/> (as returned by <see cref="Trainer.Fit(IClassifier, Dataset, TrainingOptions)"/>): each metric at
        /// the epochs that measured it (null or non-finite values are left out: such an epoch has no point, and the
        /// line joins its neighbours). Accuracy is plotted in percent.
        /// </summary>
        /// <param name="path">The PNG file to write (replaced if it exists).</param>
        /// <param name="history">At least one epoch.</param>
        /// <param name="width">Image width in pixels (at least 200).</param>
        /// <param name="height">Image height in pixels (at least 150).</param>
        /// <param name="validationLabel">The legend's name for the validation series: "test" when <see cref="TrainingOptions.Validation"/> was the test set.</param>
        /// <exception cref="ArgumentException">An empty history.</exception>
        /// <exception cref="InvalidOperationException">No font is installed (see docs/visualization.md).</exception>
        public static void TrainingCurves(string path, TrainingHistory history, int width = 1200, int height = 450, string validationLabel = DefaultValidationLabel)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            CurvePlot.Save(path, width, height, Panels(history, validationLabel));
        }
    }

    /// <summary>The panels of the array overload, validated.</summary>
    internal static CurvePanel?[] Panels(
        int[] epochs, double[] trainLoss, double[] validationLoss, double[] trainAccuracy, double[] validationAccuracy, string validationLabel)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentException.ThrowIfNullOrWhiteSpace(validationLabel);
        if (epochs.Length == 0) throw new ArgumentException("At least one epoch is needed.", nameof(epochs));
        double[] x = epochs.Select(e => (double)e).ToArray();
        CurveSeries Series(string label, double[] values, bool validation, bool fraction, string name)
        {
            ArgumentNullException.ThrowIfNull(values, name);
            if (values.Length != 0 && values.Length != epochs.Length)
            {
                throw new ArgumentException($"{name} has {values.Length} values for {epochs.Length} epochs; give one per epoch, or none.", name);
            }
            foreach (double value in fraction ? values : [])
            {
                if (double.IsFinite(value) && value is < 0 or > 1)
                {
                    throw new ArgumentException($"{name} holds {value}; accuracies are fractions from 0 to 1 (they are plotted in percent).", name);
                }
            }
            int[] finite = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).ToArray();
            return new CurveSeries(label, finite.Select(i => x[i]).ToArray(), finite.Select(i => values[i]).ToArray(), validation);
        }

        return
        [
            CurvePlot.Loss(Series("train", trainLoss, false, false, nameof(trainLoss)), Series(validationLabel, validationLoss, true, false, nameof(validationLoss))),
            CurvePlot.Accuracy(Series("train", trainAccuracy, false, true, nameof(trainAccuracy)), Series(validationLabel, validationAccuracy, true, true, nameof(validationAccuracy))),
        ];
    }

    /// <summary>The panels of the history overload.</summary>
    internal static CurvePanel?[] Panels(TrainingHistory history, string validationLabel)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(validationLabel);
        if (history.Epochs.Count == 0) throw new ArgumentException("The history has no epoch.", nameof(history));
        CurveSeries Series(string label, Func<EpochMetrics, double?> metric, bool validation)
        {
            EpochMetrics[] measured = history.Epochs.Where(e => metric(e) is double v && double.IsFinite(v)).ToArray();
            return new CurveSeries(label, measured.Select(e => (double)e.Epoch).ToArray(), measured.Select(e => metric(e)!.Value).ToArray(), validation);
        }

        return
        [
            CurvePlot.Loss(Series("train", e => e.Loss, false), Series(validationLabel, e => e.ValidationLoss, true)),
            CurvePlot.Accuracy(Series("train", e => e.Accuracy, false), Series(validationLabel, e => e.ValidationAccuracy, true)),
        ];
    }
}
