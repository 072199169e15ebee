using System;

namespace CnnCompiler
{
    /// <summary>What every average pooling layer adds to <see cref="PoolingAttribute"/>: how padding counts in the mean.</summary>
    public abstract class AveragePoolingAttribute : PoolingAttribute
    {
        /// <summary>
        /// Whether padded positions count in each window's divisor (default true, as PyTorch's <c>count_include_pad</c>):
        /// a window that overlaps the padding is then the sum of its inputs divided by the whole window size. With
        /// false the divisor is the number of inputs the window covers, so every output is a true mean of inputs, as
        /// PyTorch's <c>count_include_pad=False</c> and Keras's average pooling with <c>padding='same'</c>. Without
        /// padding the two are the same.
        /// </summary>
        public bool CountIncludePad { get; set; } = true;
    }
}
