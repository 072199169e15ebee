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
    }
}
