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
    }
}
