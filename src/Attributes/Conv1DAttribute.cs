using System;

namespace CnnCompiler
{
    /// <summary>
    /// A 1D convolution over <c>C×L</c> signals: <c>filters</c> output channels, each a kernel over all input channels plus a bias.
    /// Weights are laid out as PyTorch's <c>Conv1d.weight</c>: out × in × kl.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Conv1DAttribute : ConvolutionAttribute
    {
        /// <summary>A convolution with the same kernel size along every axis.</summary>
        public Conv1DAttribute(int filters, int kernelSize)
            : base(filters)
        {
            KernelLength = kernelSize;
        }

        /// <summary>Kernel size along length.</summary>
        public int KernelLength { get; }
    }
}
