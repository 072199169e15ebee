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

    /// <summary>
    /// Computes one step from the current values into the <c>next*</c> spans (which must not overlap the current ones)
    /// and returns whether every new parameter and moment is finite; nothing current is written, so a caller can refuse
    /// the step and keep its state. Each new value costs one more subtraction and addition for the check (x − x is 0
    /// exactly when x is finite, and NaN otherwise, which the running sum keeps).
    /// </summary>
    public static bool Update(
        ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<float> expAvg, ReadOnlySpan<float> expAvgSq,
        ReadOnlySpan<float> maxExpAvgSq, Span<float> nextParameters, Span<float> nextExpAvg, Span<float> nextExpAvgSq,
        Span<float> nextMaxExpAvgSq, in Scalars s)
    {
        int vectorCount = Vector.IsHardwareAccelerated ? parameters.Length / Vector<float>.Count : 0;
        bool finite = true;
        if (vectorCount > 0)
        {
            finite = UpdateVectors(
                MemoryMarshal.Cast<float, Vector<float>>(parameters)[..vectorCount],
                MemoryMarshal.Cast<float, Vector<float>>(gradients)[..vectorCount],
                MemoryMarshal.Cast<float, Vector<float>>(expAvg)[..vectorCount],
                MemoryMarshal.Cast<float, Vector<float>>(expAvgSq)[..vectorCount],
                s.AmsGrad ? MemoryMarshal.Cast<float, Vector<float>>(maxExpAvgSq)[..vectorCount] : [],
                MemoryMarshal.Cast<float, Vector<float>>(nextParameters)[..vectorCount],
                MemoryMarshal.Cast<float, Vector<float>>(nextExpAvg)[..vectorCount],
                MemoryMarshal.Cast<float, Vector<float>>(nextExpAvgSq)[..vectorCount],
                s.AmsGrad ? MemoryMarshal.Cast<float, Vector<float>>(nextMaxExpAvgSq)[..vectorCount] : [],
                s);
        }
        int start = vectorCount * Vector<float>.Count;
        return UpdateScalars(
            parameters[start..], gradients[start..], expAvg[start..], expAvgSq[start..], s.AmsGrad ? maxExpAvgSq[start..] : [],
            nextParameters[start..], nextExpAvg[start..], nextExpAvgSq[start..], s.AmsGrad ? nextMaxExpAvgSq[start..] : [], s) && finite;
    }

    private static bool UpdateVectors(
        ReadOnlySpan<Vector<float>> parameters, ReadOnlySpan<Vector<float>> gradients, ReadOnlySpan<Vector<float>> expAvg,
        ReadOnlySpan<Vector<float>> expAvgSq, ReadOnlySpan<Vector<float>> maxExpAvgSq, Span<Vector<float>> nextParameters,
        Span<Vector<float>> nextExpAvg, Span<Vector<float>> nextExpAvgSq, Span<Vector<float>> nextMaxExpAvgSq, in Scalars s)
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
        Vector<float> check = Vector<float>.Zero;
        for (int i = 0; i < parameters.Length; i++)
        {
            Vector<float> p = parameters[i];
            if (s.Decoupled) p *= parameterScale;
            Vector<float> g = gradients[i];
            if (s.L2) g += l2Decay * p;
            Vector<float> m = expAvg[i];
            m = smallWeight ? m + beta1Weight * (g - m) : g - (g - m) * beta1Complement;
            nextExpAvg[i] = m;
            Vector<float> v = expAvgSq[i] * beta2 + oneMinusBeta2 * g * g;
            nextExpAvgSq[i] = v;
            check += (m - m) + (v - v);
            if (s.AmsGrad)
            {
                v = Vector.Max(maxExpAvgSq[i], v);
                nextMaxExpAvgSq[i] = v;
                check += v - v;
            }
            Vector<float> denominator = Vector.SquareRoot(v) / biasCorrection2Sqrt + epsilon;
            Vector<float> next = p + negativeStepSize * (m / denominator);
            nextParameters[i] = next;
            check += next - next;
        }
        return Vector.EqualsAll(check, Vector<float>.Zero);
    }

    private static bool UpdateScalars(
        ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<float> expAvg, ReadOnlySpan<float> expAvgSq,
        ReadOnlySpan<float> maxExpAvgSq, Span<float> nextParameters, Span<float> nextExpAvg, Span<float> nextExpAvgSq,
        Span<float> nextMaxExpAvgSq, in Scalars s)
    {
        bool smallWeight = Math.Abs(s.Beta1Weight) < 0.5f;
        float beta1Complement = 1f - s.Beta1Weight;
        float check = 0f;
        for (int i = 0; i < parameters.Length; i++)
        {
            float p = parameters[i];
            if (s.Decoupled) p *= s.ParameterScale;
            float g = gradients[i];
            if (s.L2) g += s.L2Decay * p;
            float m = expAvg[i];
            m = smallWeight ? m + s.Beta1Weight * (g - m) : g - (g - m) * beta1Complement;
            nextExpAvg[i] = m;
            float v = expAvgSq[i] * s.Beta2 + s.OneMinusBeta2 * g * g;
            nextExpAvgSq[i] = v;
            check += (m - m) + (v - v);
            if (s.AmsGrad)
            {
                v = MathF.Max(maxExpAvgSq[i], v);
                nextMaxExpAvgSq[i] = v;
                check += v - v;
            }
            float denominator = MathF.Sqrt(v) / s.BiasCorrection2Sqrt + s.Epsilon;
            float next = p + s.NegativeStepSize * (m / denominator);
            nextParameters[i] = next;
            check += next - next;
        }
        return check == 0f;
    }
}
