using System;

namespace CnnCompiler
{
    /// <summary>
    /// Inverted dropout (nn.Dropout): in training each value is zeroed with probability <c>rate</c> and the rest scaled by
    /// 1 / (1 − rate), with a seeded mask kept for backward; in inference it does nothing.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DropoutAttribute : LayerAttribute
    {
        /// <summary>Dropout with the given probability of zeroing a value.</summary>
        public DropoutAttribute(float rate = 0.5f)
        {
            Rate = rate;
        }

        /// <summary>Probability of zeroing each value, in [0, 1).</summary>
        public float Rate { get; }
    }
}
