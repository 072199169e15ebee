using System;

namespace CnnCompiler
{
    /// <summary>
    /// Mean squared error against float targets (N × outputs), as nn.MSELoss (mean over every element).
    /// <c>Predict</c> returns the raw outputs.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MeanSquaredErrorAttribute : LayerAttribute
    {
    }

    /// <summary>
    /// Binary cross-entropy with a sigmoid output against targets in [0, 1] (N × outputs), as nn.BCEWithLogitsLoss
    /// (mean over every element): each output is an independent probability. <c>Predict</c> returns the sigmoid probabilities.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class BinaryCrossEntropyAttribute : LayerAttribute
    {
    }
}
