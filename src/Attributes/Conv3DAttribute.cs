using System;

namespace CnnCompiler
{
    /// <summary>
    /// A 3D convolution over <c>C×D×H×W</c> volumes or clips: <c>filters</c> output channels, each a kernel over all input channels plus a bias.
    /// Weights are laid out as PyTorch's <c>Conv3d.weight</c>: out × in × kd × kh × kw.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Conv3DAttribute : ConvolutionAttribute
    {
        /// <summary>A convolution with the same kernel size along every axis.</summary>
        public Conv3DAttribute(int filters, int kernelSize)
            : base(filters)
        {
            KernelDepth = kernelSize;
            KernelHeight = kernelSize;
            KernelWidth = kernelSize;
        }

        /// <summary>A convolution with a kernel size per axis.</summary>
        public Conv3DAttribute(int filters, int kernelDepth, int kernelHeight, int kernelWidth)
            : base(filters)
        {
            KernelDepth = kernelDepth;
            KernelHeight = kernelHeight;
            KernelWidth = kernelWidth;
        }

        /// <summary>Kernel size along depth.</summary>
        public int KernelDepth { get; }

        /// <summary>Kernel size along height.</summary>
        public int KernelHeight { get; }

        /// <summary>Kernel size along width.</summary>
        public int KernelWidth { get; }

        /// <summary>Stride along depth; overrides <see cref="ConvolutionAttribute.Stride"/> when given.</summary>
        public int StrideDepth { get; set; }

        /// <summary>Stride along height; overrides <see cref="ConvolutionAttribute.Stride"/> when given.</summary>
        public int StrideHeight { get; set; }

        /// <summary>Stride along width; overrides <see cref="ConvolutionAttribute.Stride"/> when given.</summary>
        public int StrideWidth { get; set; }

        /// <summary>Explicit zero padding before and after along depth; overrides <see cref="ConvolutionAttribute.PaddingSize"/> when given.</summary>
        public int PaddingDepth { get; set; }

        /// <summary>Explicit zero padding before and after along height; overrides <see cref="ConvolutionAttribute.PaddingSize"/> when given.</summary>
        public int PaddingHeight { get; set; }

        /// <summary>Explicit zero padding before and after along width; overrides <see cref="ConvolutionAttribute.PaddingSize"/> when given.</summary>
        public int PaddingWidth { get; set; }
    }
}
