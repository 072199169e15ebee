using System.Runtime.CompilerServices;

// The training tests check the progress bar's redraw directly (allocation-free formatting), which Fit only reaches by timing.
[assembly: InternalsVisibleTo("CnnCompiler.Training.Tests")]
