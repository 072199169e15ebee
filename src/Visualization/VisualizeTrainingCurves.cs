namespace CnnCompiler;

/// <summary>Adds <c>Visualize.TrainingCurves</c> to <see cref="Visualize"/> (a C# 14 static extension: <c>using CnnCompiler;</c> is all it takes).</summary>
public static class VisualizeTrainingCurves
{
    extension(Visualize)
    {
        /// <summary>
        /// Writes loss and accuracy per epoch as a PNG: a loss panel and an accuracy panel side by side, each with its
        /// training line (solid blue) and validation line (dashed orange), axes, tick labels and a legend. A series may
        /// be empty (not recorded); a panel with no series is left out. Non-finite values (a diverged epoch) get no
        /// point, and the line joins their neighbours.
        /// </summary>
        /// <param name="path">The PNG file to write (replaced if it exists).</param>
        /// <param name="epochs">The epoch numbers, the x axis.</param>
        /// <param name="trainLoss">Mean training loss per epoch, or empty.</param>
        /// <param name="validationLoss">Validation loss per epoch, or empty.</param>
        /// <param name="trainAccuracy">Training accuracy per epoch, or empty.</param>
        /// <param name="validationAccuracy">Validation accuracy per epoch, or empty.</param>
        /// <param name="width">Image width in pixels (at least 200).</param>
        /// <param name="height">Image height in pixels (at least 150).</param>
        /// <exception cref="ArgumentException">No epochs, a series whose length is neither 0 nor the number of epochs, or every series empty.</exception>
        /// <exception cref="InvalidOperationException">No font is installed (see docs/visualization.md).</exception>
        public static void TrainingCurves(
            string path, int[] epochs, double[] trainLoss, double[] validationLoss, double[] trainAccuracy, double[] validationAccuracy,
            int width = 1200, int height = 450)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentNullException.ThrowIfNull(epochs);
            if (epochs.Length == 0) throw new ArgumentException("At least one epoch is needed.", nameof(epochs));
            double[] x = epochs.Select(e => (double)e).ToArray();
            CurveSeries Series(string label, double[] values, bool validation, string name)
            {
                ArgumentNullException.ThrowIfNull(values, name);
                if (values.Length != 0 && values.Length != epochs.Length)
                {
                    throw new ArgumentException($"{name} has {values.Length} values for {epochs.Length} epochs; give one per epoch, or none.", name);
                }
                int[] finite = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).ToArray();
                return new CurveSeries(label, finite.Select(i => x[i]).ToArray(), finite.Select(i => values[i]).ToArray(), validation);
            }

            CurvePlot.Save(path, width, height,
                CurvePlot.Loss(Series("train", trainLoss, false, nameof(trainLoss)), Series("validation", validationLoss, true, nameof(validationLoss))),
                CurvePlot.Accuracy(Series("train", trainAccuracy, false, nameof(trainAccuracy)), Series("validation", validationAccuracy, true, nameof(validationAccuracy))));
        }

        /// <summary>
        /// Writes the curves of a <see cref="TrainingHistory"/> (as returned by <see cref="Trainer.Fit"/>): each metric at
        /// the epochs that measured it (null or non-finite values are left out: such an epoch has no point, and the
        /// line joins its neighbours).
        /// </summary>
        /// <param name="path">The PNG file to write (replaced if it exists).</param>
        /// <param name="history">At least one epoch.</param>
        /// <param name="width">Image width in pixels (at least 200).</param>
        /// <param name="height">Image height in pixels (at least 150).</param>
        /// <exception cref="ArgumentException">An empty history.</exception>
        /// <exception cref="InvalidOperationException">No font is installed (see docs/visualization.md).</exception>
        public static void TrainingCurves(string path, TrainingHistory history, int width = 1200, int height = 450)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentNullException.ThrowIfNull(history);
            if (history.Epochs.Count == 0) throw new ArgumentException("The history has no epoch.", nameof(history));
            CurveSeries Series(string label, Func<EpochMetrics, double?> metric, bool validation)
            {
                EpochMetrics[] measured = history.Epochs.Where(e => metric(e) is double v && double.IsFinite(v)).ToArray();
                return new CurveSeries(label, measured.Select(e => (double)e.Epoch).ToArray(), measured.Select(e => metric(e)!.Value).ToArray(), validation);
            }

            CurvePlot.Save(path, width, height,
                CurvePlot.Loss(Series("train", e => e.Loss, false), Series("validation", e => e.ValidationLoss, true)),
                CurvePlot.Accuracy(Series("train", e => e.Accuracy, false), Series("validation", e => e.ValidationAccuracy, true)));
        }
    }
}
