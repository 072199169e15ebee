using System;

namespace CnnCompiler
{
    /// <summary>A ReLU layer of its own: max(0, x) element-wise.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ReLUAttribute : LayerAttribute
    {
    }

    /// <summary>A sigmoid layer of its own: 1 / (1 + e^−x) element-wise.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SigmoidAttribute : LayerAttribute
    {
    }

    /// <summary>A tanh layer of its own.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class TanhAttribute : LayerAttribute
    {
    }

    /// <summary>A leaky ReLU layer: x for x &gt; 0, else slope·x (nn.LeakyReLU).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class LeakyReLUAttribute : LayerAttribute
    {
        /// <summary>A leaky ReLU with the given negative slope (PyTorch's default is 0.01).</summary>
        public LeakyReLUAttribute(float negativeSlope = 0.01f)
        {
            NegativeSlope = negativeSlope;
        }

        /// <summary>The slope for negative inputs.</summary>
        public float NegativeSlope { get; }
    }

    /// <summary>An ELU layer: x for x &gt; 0, else α·(e^x − 1) (nn.ELU).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ELUAttribute : LayerAttribute
    {
        /// <summary>An ELU with the given α (PyTorch's default is 1).</summary>
        public ELUAttribute(float alpha = 1f)
        {
            Alpha = alpha;
        }

        /// <summary>The saturation value for negative inputs.</summary>
        public float Alpha { get; }
    }

    /// <summary>A GELU layer: x·Φ(x) with the exact normal CDF, as nn.GELU().</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class GELUAttribute : LayerAttribute
    {
    }

    /// <summary>A ReLU6 layer: min(max(x, 0), 6) element-wise (nn.ReLU6).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ReLU6Attribute : LayerAttribute
    {
    }

    /// <summary>A hard swish layer: x · min(max(x + 3, 0), 6) / 6 element-wise (nn.Hardswish).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class HardswishAttribute : LayerAttribute
    {
    }

    /// <summary>A hard sigmoid layer: min(max(x + 3, 0), 6) / 6 element-wise (nn.Hardsigmoid).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class HardsigmoidAttribute : LayerAttribute
    {
    }

    /// <summary>A SiLU (swish) layer: x · σ(x) element-wise (nn.SiLU).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SiLUAttribute : LayerAttribute
    {
    }
}
