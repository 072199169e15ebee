using System;

namespace CnnCompiler
{
    /// <summary>
    /// Batch normalization per channel (after a convolution) or per feature (after a dense layer), as nn.BatchNorm1d/2d/3d:
    /// batch statistics in training (also updating running statistics), running statistics in inference.
    /// Tensors: weight (γ), bias (β), running_mean, running_var, num_batches_tracked.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class BatchNormAttribute : LayerAttribute
    {
        /// <summary>Weight of the newest batch in the running statistics (PyTorch's momentum, default 0.1).</summary>
        public float Momentum { get; set; } = 0.1f;

        /// <summary>Added to the variance before its square root (default 1e-5).</summary>
        public float Epsilon { get; set; } = 1e-5f;
    }
}
