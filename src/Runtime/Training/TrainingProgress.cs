namespace CnnCompiler;

/// <summary>How <see cref="Trainer.Fit"/> reports progress.</summary>
public enum TrainingProgress
{
    /// <summary>
    /// A progress bar when writing to an interactive console; one plain line per epoch when the output is redirected,
    /// when the <c>CI</c> environment variable is set, or when a <see cref="TrainingOptions.ProgressWriter"/> is given.
    /// </summary>
    Auto,

    /// <summary>A progress bar redrawn in place (carriage return) with rate, ETA and running loss, ending in one line per epoch.</summary>
    Bar,

    /// <summary>One plain line per epoch with its metrics.</summary>
    Lines,

    /// <summary>Nothing.</summary>
    None,
}
