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

        /// <summary>
        /// <see cref="CnnCompiler.Padding.Valid"/> (default, no padding) or <see cref="CnnCompiler.Padding.Same"/> (output =
        /// ceil(input / stride)). For an explicit size, as PyTorch's <c>padding=n</c>, use <see cref="PaddingSize"/> instead;
        /// the two cannot be combined.
        /// </summary>
        /// <remarks>
        /// Typed <c>object</c> on purpose: <c>Padding = 1</c> (PyTorch's habit) then compiles and the generator reports it
        /// with the fix, <c>PaddingSize = 1</c>, where an enum-typed property would give only the compiler's conversion error.
        /// Any value other than a <see cref="CnnCompiler.Padding"/> member is a generator error (CNN0006).
        /// </remarks>
        public object Padding { get; set; } = CnnCompiler.Padding.Valid;

        /// <summary>Explicit zero padding on both sides of every spatial axis, as PyTorch's <c>padding=n</c>; the per-axis properties override it. Not together with <see cref="Padding"/>.</summary>
        public int PaddingSize { get; set; }

        /// <summary>The activation applied to the output (fused into the layer).</summary>
        public Activation Activation { get; set; } = Activation.None;

        /// <summary>Whether the layer adds a per-filter bias (default true).</summary>
        public bool UseBias { get; set; } = true;
    }
}
