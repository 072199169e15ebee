namespace CnnCompiler
{
    /// <summary>An element-wise activation, fused into the layer that carries it or declared as a layer of its own.</summary>
    public enum Activation
    {
        /// <summary>Identity.</summary>
        None = 0,

        /// <summary>max(0, x).</summary>
        ReLU = 1,

        /// <summary>1 / (1 + e^−x).</summary>
        Sigmoid = 2,

        /// <summary>tanh(x).</summary>
        Tanh = 3,

        /// <summary>x for x &gt; 0, else 0.01·x (PyTorch's default negative slope; use [LeakyReLU(slope)] for another).</summary>
        LeakyReLU = 4,

        /// <summary>x for x &gt; 0, else e^x − 1 (α = 1; use [ELU(alpha)] for another).</summary>
        ELU = 5,

        /// <summary>x·Φ(x), the exact (erf) form, as PyTorch's default nn.GELU.</summary>
        GELU = 6,

        /// <summary>min(max(x, 0), 6), as nn.ReLU6.</summary>
        ReLU6 = 7,

        /// <summary>x · min(max(x + 3, 0), 6) / 6, as nn.Hardswish.</summary>
        Hardswish = 8,

        /// <summary>min(max(x + 3, 0), 6) / 6, as nn.Hardsigmoid.</summary>
        Hardsigmoid = 9,

        /// <summary>x · σ(x) = x / (1 + e^−x), as nn.SiLU (Swish).</summary>
        SiLU = 10,
    }
}
