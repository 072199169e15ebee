using System;

namespace CnnCompiler
{
    /// <summary>
    /// What every pooling layer shares: a stride (defaulting to the window) and implicit padding.
    /// Output size is floor((input + 2·padding − window) / stride) + 1, PyTorch's default.
    /// </summary>
    public abstract class PoolingAttribute : LayerAttribute
    {
        /// <summary>Stride along every spatial axis; defaults to the window size. The per-axis properties override it.</summary>
        public int Stride { get; set; }

        /// <summary>Implicit padding on both sides of every spatial axis (at most half the window, as PyTorch requires).</summary>
        public int PaddingSize { get; set; }
    }
}
