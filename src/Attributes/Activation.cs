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
    }
}
