using System;

namespace CnnCompiler
{
    /// <summary>Flattens <c>C×…</c> into a vector, channel-major as <c>torch.flatten</c>. Optional before a dense layer, which flattens anyway.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class FlattenAttribute : LayerAttribute
    {
    }
}
