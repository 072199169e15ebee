using System;

namespace CnnCompiler
{
    /// <summary>2D pooling over each channel of <c>C×H×W</c>: the maximum of each window (padding never wins, as in PyTorch).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MaxPool2DAttribute : PoolingAttribute
    {
        /// <summary>A window of the same size along every axis; the stride defaults to the window.</summary>
        public MaxPool2DAttribute(int windowSize)
        {
            WindowHeight = windowSize;
            WindowWidth = windowSize;
        }

        /// <summary>A window size per axis; the stride defaults to the window.</summary>
        public MaxPool2DAttribute(int windowHeight, int windowWidth)
        {
            WindowHeight = windowHeight;
            WindowWidth = windowWidth;
        }

        /// <summary>Window size along height.</summary>
        public int WindowHeight { get; }

        /// <summary>Window size along width.</summary>
        public int WindowWidth { get; }

        /// <summary>Stride along height; overrides <see cref="PoolingAttribute.Stride"/> when given.</summary>
        public int StrideHeight { get; set; }

        /// <summary>Stride along width; overrides <see cref="PoolingAttribute.Stride"/> when given.</summary>
        public int StrideWidth { get; set; }
    }
}
