using System;

namespace CnnCompiler
{
    /// <summary>1D pooling over each channel of <c>C×L</c>: the mean of each window; padding counts in the divisor unless <see cref="AveragePoolingAttribute.CountIncludePad"/> is false.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AvgPool1DAttribute : AveragePoolingAttribute
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
