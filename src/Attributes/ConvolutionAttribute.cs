using System;

namespace CnnCompiler
{
    /// <summary>
    /// What every convolution shares: output channels, stride, padding, a fused activation and an optional bias.
    /// Weights are laid out as PyTorch's <c>ConvNd.weight</c>: out × in × kernel….
    /// </summary>
    public abstract class ConvolutionAttribute : LayerAttribute
    {
        /// <summary>Sets the number of output channels.</summary>
        protected ConvolutionAttribute(int filters)
        {
            Filters = filters;
        }

        /// <summary>Output channels.</summary>
        public int Filters { get; }

        /// <summary>Stride along every spatial axis (default 1); the per-axis properties override it.</summary>
        public int Stride { get; set; } = 1;

        /// <summary>Valid (default) or same padding. Ignored when an explicit padding size is given.</summary>
        public Padding Padding { get; set; } = Padding.Valid;

        /// <summary>Explicit zero padding on both sides of every spatial axis, as PyTorch's <c>padding=n</c>; the per-axis properties override it.</summary>
        public int PaddingSize { get; set; }

        /// <summary>The activation applied to the output (fused into the layer).</summary>
        public Activation Activation { get; set; } = Activation.None;

        /// <summary>Whether the layer adds a per-filter bias (default true).</summary>
        public bool UseBias { get; set; } = true;
    }
}
