using System;

namespace CnnCompiler
{
    /// <summary>1D pooling over each channel of <c>C×L</c>: the maximum of each window (padding never wins, as in PyTorch).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MaxPool1DAttribute : PoolingAttribute
    {
        /// <summary>A window of the same size along every axis; the stride defaults to the window.</summary>
        public MaxPool1DAttribute(int windowSize)
        {
            WindowLength = windowSize;
        }

        /// <summary>Window size along length.</summary>
        public int WindowLength { get; }
    }
}
