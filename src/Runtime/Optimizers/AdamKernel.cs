using System.Numerics;
using System.Runtime.InteropServices;

namespace CnnCompiler;

/// <summary>
/// The per-element update shared by <see cref="Adam"/> and <see cref="AdamW"/>, in one vectorized pass over the
/// parameters. The operations and their order are those of <c>torch.optim.adam._single_tensor_adam</c>:
/// <code>
/// p  = p·(1 − lr·wd)                        (AdamW: decoupled weight decay)
/// g  = grad + wd·p                          (Adam: L2 penalty)
/// m  = lerp(m, g, 1 − β1)
/// v  = v·β2 + (1 − β2)·g·g
/// v̂  = max(v̂, v)                            (amsgrad: the running maximum replaces v below)
/// p  = p − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + eps)
/// </code>
/// Vector lanes and the scalar tail run the same operations without fused multiply-adds, so results do not depend
/// on the vector width.
/// </summary>
internal static class AdamKernel
{
    /// <summary>The scalars of one step, computed in double as PyTorch does and rounded to float once.</summary>
    internal readonly record struct Scalars(
        float ParameterScale,
        float L2Decay,
        float Beta1Weight,
        float Beta2,
        float OneMinusBeta2,
        float BiasCorrection2Sqrt,
        float Epsilon,
        float NegativeStepSize,
        bool Decoupled,
        bool L2,
        bool AmsGrad);

    public static void Update(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> expAvg, Span<float> expAvgSq, Span<float> maxExpAvgSq, in Scalars s)
    {
        int vectorCount = Vector.IsHardwareAccelerated ? parameters.Length / Vector<float>.Count : 0;
        if (vectorCount > 0)
        {
            UpdateVectors(
                MemoryMarshal.Cast<float, Vector<float>>(parameters)[..vectorCount],
                MemoryMarshal.Cast<float, Vector<float>>(gradients)[..vectorCount],
                MemoryMarshal.Cast<float, Vector<float>>(expAvg)[..vectorCount],
                MemoryMarshal.Cast<float, Vector<float>>(expAvgSq)[..vectorCount],
                s.AmsGrad ? MemoryMarshal.Cast<float, Vector<float>>(maxExpAvgSq)[..vectorCount] : [],
                s);
        }
        int start = vectorCount * Vector<float>.Count;
        UpdateScalars(
            parameters[start..], gradients[start..], expAvg[start..], expAvgSq[start..], s.AmsGrad ? maxExpAvgSq[start..] : [], s);
    }

    private static void UpdateVectors(
        Span<Vector<float>> parameters, ReadOnlySpan<Vector<float>> gradients, Span<Vector<float>> expAvg,
        Span<Vector<float>> expAvgSq, Span<Vector<float>> maxExpAvgSq, in Scalars s)
    {
        var parameterScale = new Vector<float>(s.ParameterScale);
        var l2Decay = new Vector<float>(s.L2Decay);
        var beta1Weight = new Vector<float>(s.Beta1Weight);
        var beta1Complement = new Vector<float>(1f - s.Beta1Weight);
        var beta2 = new Vector<float>(s.Beta2);
        var oneMinusBeta2 = new Vector<float>(s.OneMinusBeta2);
        var biasCorrection2Sqrt = new Vector<float>(s.BiasCorrection2Sqrt);
        var epsilon = new Vector<float>(s.Epsilon);
        var negativeStepSize = new Vector<float>(s.NegativeStepSize);
        bool smallWeight = Math.Abs(s.Beta1Weight) < 0.5f;
        for (int i = 0; i < parameters.Length; i++)
        {
            Vector<float> p = parameters[i];
            if (s.Decoupled) p *= parameterScale;
            Vector<float> g = gradients[i];
            if (s.L2) g += l2Decay * p;
            Vector<float> m = expAvg[i];
            m = smallWeight ? m + beta1Weight * (g - m) : g - (g - m) * beta1Complement;
            expAvg[i] = m;
            Vector<float> v = expAvgSq[i] * beta2 + oneMinusBeta2 * g * g;
            expAvgSq[i] = v;
            if (s.AmsGrad)
            {
                v = Vector.Max(maxExpAvgSq[i], v);
                maxExpAvgSq[i] = v;
            }
            Vector<float> denominator = Vector.SquareRoot(v) / biasCorrection2Sqrt + epsilon;
            parameters[i] = p + negativeStepSize * (m / denominator);
        }
    }

    private static void UpdateScalars(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> expAvg, Span<float> expAvgSq, Span<float> maxExpAvgSq, in Scalars s)
    {
        bool smallWeight = Math.Abs(s.Beta1Weight) < 0.5f;
        float beta1Complement = 1f - s.Beta1Weight;
        for (int i = 0; i < parameters.Length; i++)
        {
            float p = parameters[i];
            if (s.Decoupled) p *= s.ParameterScale;
            float g = gradients[i];
            if (s.L2) g += s.L2Decay * p;
            float m = expAvg[i];
            m = smallWeight ? m + s.Beta1Weight * (g - m) : g - (g - m) * beta1Complement;
            expAvg[i] = m;
            float v = expAvgSq[i] * s.Beta2 + s.OneMinusBeta2 * g * g;
            expAvgSq[i] = v;
            if (s.AmsGrad)
            {
                v = MathF.Max(maxExpAvgSq[i], v);
                maxExpAvgSq[i] = v;
            }
            float denominator = MathF.Sqrt(v) / s.BiasCorrection2Sqrt + s.Epsilon;
            parameters[i] = p + s.NegativeStepSize * (m / denominator);
        }
    }
}
