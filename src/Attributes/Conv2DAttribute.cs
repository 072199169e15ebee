using System;

namespace CnnCompiler
{
    /// <summary>
    /// A 2D convolution over <c>C×H×W</c>: <c>filters</c> output channels, each a <c>C×kh×kw</c> kernel plus a bias.
    /// Weights are laid out as PyTorch's <c>Conv2d.weight</c>: out × in × kh × kw.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Conv2DAttribute : LayerAttribute
    {
        /// <summary>A convolution with a square kernel.</summary>
        public Conv2DAttribute(int filters, int kernelSize)
            : this(filters, kernelSize, kernelSize)
        {
        }

        /// <summary>A convolution with a rectangular kernel.</summary>
        public Conv2DAttribute(int filters, int kernelHeight, int kernelWidth)
        {
            Filters = filters;
            KernelHeight = kernelHeight;
            KernelWidth = kernelWidth;
        }

        /// <summary>Output channels.</summary>
        public int Filters { get; }

        /// <summary>Kernel rows.</summary>
        public int KernelHeight { get; }

        /// <summary>Kernel columns.</summary>
        public int KernelWidth { get; }

        /// <summary>Stride along both axes (default 1).</summary>
        public int Stride { get; set; } = 1;

        /// <summary>Stride along rows; overrides <see cref="Stride"/> when set.</summary>
        public int StrideHeight { get; set; }

        /// <summary>Stride along columns; overrides <see cref="Stride"/> when set.</summary>
        public int StrideWidth { get; set; }

        /// <summary>Valid (default) or same padding. Ignored when an explicit padding size is set.</summary>
        public Padding Padding { get; set; } = Padding.Valid;

        /// <summary>Explicit zero padding on every side, as PyTorch's <c>padding=n</c>.</summary>
        public int PaddingSize { get; set; }

        /// <summary>Explicit zero padding above and below; overrides <see cref="PaddingSize"/> when set.</summary>
        public int PaddingHeight { get; set; }

        /// <summary>Explicit zero padding left and right; overrides <see cref="PaddingSize"/> when set.</summary>
        public int PaddingWidth { get; set; }

        /// <summary>The activation applied to the output (fused into the layer).</summary>
        public Activation Activation { get; set; } = Activation.None;

        /// <summary>Whether the layer adds a per-filter bias (default true).</summary>
        public bool UseBias { get; set; } = true;
    }
}
