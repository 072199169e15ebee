using System;

namespace CnnCompiler
{
    /// <summary>The mean of each channel over all its spatial positions (1D, 2D or 3D): <c>C×…</c> → <c>C</c>, as AdaptiveAvgPool to 1 then flatten.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class GlobalAveragePoolAttribute : LayerAttribute
    {
    }

    /// <summary>The maximum of each channel over all its spatial positions (1D, 2D or 3D): <c>C×…</c> → <c>C</c>.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class GlobalMaxPoolAttribute : LayerAttribute
    {
    }
}
