using System;

namespace CnnCompiler
{
    /// <summary>
    /// A fully connected layer: <c>units</c> outputs from all inputs (a spatial input is flattened channel-major first,
    /// as <c>torch.flatten</c>). Weights are laid out as PyTorch's <c>Linear.weight</c>: out × in.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DenseAttribute : LayerAttribute
    {
        /// <summary>A dense layer with <paramref name="units"/> outputs.</summary>
        public DenseAttribute(int units)
        {
            Units = units;
        }

        /// <summary>Outputs.</summary>
        public int Units { get; }

        /// <summary>The activation applied to the output (fused into the layer).</summary>
        public Activation Activation { get; set; } = Activation.None;

        /// <summary>Whether the layer adds a bias (default true).</summary>
        public bool UseBias { get; set; } = true;
    }
}
