using System;

namespace CnnCompiler
{
    /// <summary>
    /// 2D pooling over each channel of <c>C×H×W</c>: the mean of each window (padding counts as zeros in the divisor, PyTorch's count_include_pad).
    /// Output size is floor((input + 2·padding − window) / stride) + 1, PyTorch's default.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AvgPool2DAttribute : LayerAttribute
    {
        /// <summary>A square window; the stride defaults to the window.</summary>
        public AvgPool2DAttribute(int windowSize)
            : this(windowSize, windowSize)
        {
        }

        /// <summary>A rectangular window; the stride defaults to the window.</summary>
        public AvgPool2DAttribute(int windowHeight, int windowWidth)
        {
            WindowHeight = windowHeight;
            WindowWidth = windowWidth;
        }

        /// <summary>Window rows.</summary>
        public int WindowHeight { get; }

        /// <summary>Window columns.</summary>
        public int WindowWidth { get; }

        /// <summary>Stride along both axes; defaults to the window size.</summary>
        public int Stride { get; set; }

        /// <summary>Stride along rows; overrides <see cref="Stride"/> when given.</summary>
        public int StrideHeight { get; set; }

        /// <summary>Stride along columns; overrides <see cref="Stride"/> when given.</summary>
        public int StrideWidth { get; set; }

        /// <summary>Implicit padding on every side (at most half the window, as PyTorch requires).</summary>
        public int PaddingSize { get; set; }
    }
}
