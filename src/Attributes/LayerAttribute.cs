using System;

namespace CnnCompiler
{
    /// <summary>
    /// Base of every layer attribute. Layers apply in the order their attributes appear on the class.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public abstract class LayerAttribute : Attribute
    {
        /// <summary>
        /// The layer's name in diagnostics, summaries and weight files. When omitted the generator names it by kind and
        /// position (<c>conv1</c>, <c>pool1</c>, <c>dense1</c>, …).
        /// </summary>
        public string? Name { get; set; }

        /// <summary>
        /// Starts the layer frozen: training leaves its parameters exactly as they are and spends no time on their
        /// gradients (transfer learning). Networks can also freeze and unfreeze layers at run time with SetFrozen.
        /// </summary>
        public bool Frozen { get; set; }
    }
}
