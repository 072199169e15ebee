using System;

namespace CnnCompiler
{
    /// <summary>3D pooling over each channel of <c>C×D×H×W</c>: the mean of each window; padding counts in the divisor unless <see cref="AveragePoolingAttribute.CountIncludePad"/> is false.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AvgPool3DAttribute : AveragePoolingAttribute
    {
        /// <summary>A window of the same size along every axis; the stride defaults to the window.</summary>
        public AvgPool3DAttribute(int windowSize)
        {
            WindowDepth = windowSize;
            WindowHeight = windowSize;
            WindowWidth = windowSize;
        }

        /// <summary>A window size per axis; the stride defaults to the window.</summary>
        public AvgPool3DAttribute(int windowDepth, int windowHeight, int windowWidth)
        {
            WindowDepth = windowDepth;
            WindowHeight = windowHeight;
            WindowWidth = windowWidth;
        }

        /// <summary>Window size along depth.</summary>
        public int WindowDepth { get; }

        /// <summary>Window size along height.</summary>
        public int WindowHeight { get; }

        /// <summary>Window size along width.</summary>
        public int WindowWidth { get; }

        /// <summary>Stride along depth; overrides <see cref="PoolingAttribute.Stride"/> when given.</summary>
        public int StrideDepth { get; set; }

        /// <summary>Stride along height; overrides <see cref="PoolingAttribute.Stride"/> when given.</summary>
        public int StrideHeight { get; set; }

        /// <summary>Stride along width; overrides <see cref="PoolingAttribute.Stride"/> when given.</summary>
        public int StrideWidth { get; set; }
    }
}
