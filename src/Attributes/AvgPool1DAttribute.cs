using System;

namespace CnnCompiler
{
    /// <summary>1D pooling over each channel of <c>C×L</c>: the mean of each window (padding counts as zeros in the divisor, PyTorch's count_include_pad).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AvgPool1DAttribute : PoolingAttribute
    {
        /// <summary>A window of the same size along every axis; the stride defaults to the window.</summary>
        public AvgPool1DAttribute(int windowSize)
        {
            WindowLength = windowSize;
        }

        /// <summary>Window size along length.</summary>
        public int WindowLength { get; }
    }
}
