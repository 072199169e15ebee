using System.ComponentModel;
namespace CnnCompiler.CompilerServices;

/// <summary>Seeded weight initializers called by generated constructors.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WeightInit
{
    /// <summary>He (Kaiming) normal: N(0, 2 / fanIn), for layers followed by ReLU.</summary>
    public static void HeNormal(Span<float> weights, int fanIn, SeededRandom random)
    {
        double std = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextGaussian() * std);
    }

    /// <summary>Glorot (Xavier) uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)), for layers without ReLU.</summary>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, SeededRandom random)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)((random.NextDouble() * 2.0 - 1.0) * limit);
    }
}
