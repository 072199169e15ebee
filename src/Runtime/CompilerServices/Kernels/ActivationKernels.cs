using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Element-wise activations and their derivatives, called by generated layers. The backward forms take the forward
/// output y (not x): every activation here has a derivative expressible in y, so no pre-activation buffer is kept.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationKernels
{
    /// <summary>y = max(0, x), in place.</summary>
    public static void ReLU(Span<float> values) => TensorPrimitives.Max(values, 0f, values);

    /// <summary>dx = dy where y &gt; 0, else 0; in place on <paramref name="gradient"/>.</summary>
    public static void ReLUBackward(ReadOnlySpan<float> output, Span<float> gradient) => ReLUBackward(output, gradient, gradient);

    /// <summary>y = max(0, x) from <paramref name="input"/> into <paramref name="output"/> in one pass.</summary>
    public static void ReLU(ReadOnlySpan<float> input, Span<float> output) => TensorPrimitives.Max(input, 0f, output);

    /// <summary>
    /// dx = dy where y &gt; 0, else 0, written to <paramref name="inputGradient"/> in one pass (which may be
    /// <paramref name="gradient"/> itself: each element is read before it is written).
    /// </summary>
    public static void ReLUBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, Span<float> inputGradient)
    {
        if (output.Length != gradient.Length || inputGradient.Length < gradient.Length)
        {
            throw new ArgumentException($"Activation output has {output.Length} values, its gradient {gradient.Length} and the input gradient {inputGradient.Length}; the first two must match and the last hold as many.", nameof(inputGradient));
        }
        ref float y = ref MemoryMarshal.GetReference(output);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        int i = 0;
        for (; i <= output.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref y, (nuint)i), Vector256<float>.Zero);
            (Vector256.LoadUnsafe(ref g, (nuint)i) & mask).StoreUnsafe(ref dx, (nuint)i);
        }
        for (; i < output.Length; i++)
        {
            Unsafe.Add(ref dx, i) = Unsafe.Add(ref y, i) > 0f ? Unsafe.Add(ref g, i) : 0f;
        }
    }

    /// <summary>
    /// y = max(0, x + skip) in one pass: a residual add and the ReLU after it (training fuses them; the values are the
    /// ones <c>TensorPrimitives.Add</c> then <see cref="ReLU(ReadOnlySpan{float}, Span{float})"/> give).
    /// </summary>
    public static void AddReLU(ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output)
    {
        if (skip.Length != input.Length || output.Length < input.Length)
        {
            throw new ArgumentException($"The input has {input.Length} values, the skip input {skip.Length} and the output {output.Length}; the first two must match and the last hold as many.", nameof(output));
        }
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float s = ref MemoryMarshal.GetReference(skip);
        ref float y = ref MemoryMarshal.GetReference(output);
        int i = 0;
        for (; i <= input.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i), Vector256<float>.Zero).StoreUnsafe(ref y, (nuint)i);
        }
        for (; i < input.Length; i++)
        {
            Unsafe.Add(ref y, i) = MathF.Max(Unsafe.Add(ref x, i) + Unsafe.Add(ref s, i), 0f);
        }
    }

    /// <summary>
    /// dx = dskip = dy where y &gt; 0, else 0, in one pass: the backward of <see cref="AddReLU"/>. Either target may be
    /// empty (not wanted); <paramref name="inputGradient"/> may be <paramref name="gradient"/> itself.
    /// </summary>
    public static void AddReLUBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, Span<float> inputGradient, Span<float> skipGradient)
    {
        if (skipGradient.IsEmpty)
        {
            if (!inputGradient.IsEmpty) ReLUBackward(output, gradient, inputGradient);
            return;
        }
        if (inputGradient.IsEmpty)
        {
            ReLUBackward(output, gradient, skipGradient);
            return;
        }
        if (output.Length != gradient.Length || inputGradient.Length < gradient.Length || skipGradient.Length < gradient.Length)
        {
            throw new ArgumentException($"Activation output has {output.Length} values, its gradient {gradient.Length}, the input gradient {inputGradient.Length} and the skip gradient {skipGradient.Length}; the first two must match and the others hold as many.", nameof(skipGradient));
        }
        ref float y = ref MemoryMarshal.GetReference(output);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        ref float ds = ref MemoryMarshal.GetReference(skipGradient);
        int i = 0;
        for (; i <= output.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> masked = Vector256.LoadUnsafe(ref g, (nuint)i) & Vector256.GreaterThan(Vector256.LoadUnsafe(ref y, (nuint)i), Vector256<float>.Zero);
            masked.StoreUnsafe(ref dx, (nuint)i);
            masked.StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < output.Length; i++)
        {
            float masked = Unsafe.Add(ref y, i) > 0f ? Unsafe.Add(ref g, i) : 0f;
            Unsafe.Add(ref dx, i) = masked;
            Unsafe.Add(ref ds, i) = masked;
        }
    }

    /// <summary>y = 1 / (1 + e^−x), in place.</summary>
    public static void Sigmoid(Span<float> values) => TensorPrimitives.Sigmoid(values, values);

    /// <summary>dx = dy · y · (1 − y), in place on <paramref name="gradient"/>.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> output, Span<float> gradient)
    {
        if (output.Length != gradient.Length) throw new ArgumentException($"Activation output has {output.Length} values but its gradient has {gradient.Length}.", nameof(gradient));
        for (int i = 0; i < output.Length; i++) gradient[i] *= output[i] * (1f - output[i]);
    }

    /// <summary>y = tanh(x), in place.</summary>
    public static void Tanh(Span<float> values) => TensorPrimitives.Tanh(values, values);

    /// <summary>dx = dy · (1 − y²), in place on <paramref name="gradient"/>.</summary>
    public static void TanhBackward(ReadOnlySpan<float> output, Span<float> gradient)
    {
        if (output.Length != gradient.Length) throw new ArgumentException($"Activation output has {output.Length} values but its gradient has {gradient.Length}.", nameof(gradient));
        for (int i = 0; i < output.Length; i++) gradient[i] *= 1f - output[i] * output[i];
    }
    /// <summary>y = x for x &gt; 0, else slope·x, in place.</summary>
    public static void LeakyReLU(Span<float> values, float slope)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            values[i] = x > 0f ? x : x * slope;
        }
    }

    /// <summary>dx = dy where y &gt; 0, else slope·dy (the sign of y is the sign of x for a positive slope).</summary>
    public static void LeakyReLUBackward(ReadOnlySpan<float> output, Span<float> gradient, float slope)
    {
        RequireSameLength(output, gradient);
        for (int i = 0; i < output.Length; i++)
        {
            if (!(output[i] > 0f)) gradient[i] *= slope;
        }
    }

    /// <summary>dx = dy where x &gt; 0, else slope·dy, from the input (right for any slope).</summary>
    public static void LeakyReLUBackwardFromInput(ReadOnlySpan<float> input, Span<float> gradient, float slope)
    {
        RequireSameLength(input, gradient);
        for (int i = 0; i < input.Length; i++)
        {
            if (!(input[i] > 0f)) gradient[i] *= slope;
        }
    }

    /// <summary>y = x for x &gt; 0, else α·(e^x − 1), in place.</summary>
    public static void ELU(Span<float> values, float alpha)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            values[i] = x > 0f ? x : alpha * (MathF.Exp(x) - 1f);
        }
    }

    /// <summary>dx = dy where y &gt; 0, else dy·(y + α), since d/dx α(e^x − 1) = α·e^x = y + α.</summary>
    public static void ELUBackward(ReadOnlySpan<float> output, Span<float> gradient, float alpha)
    {
        RequireSameLength(output, gradient);
        for (int i = 0; i < output.Length; i++)
        {
            float y = output[i];
            if (!(y > 0f)) gradient[i] *= y + alpha;
        }
    }

    /// <summary>y = x·Φ(x) with the exact normal CDF Φ(x) = (1 + erf(x/√2)) / 2, as nn.GELU().</summary>
    public static void GELU(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            values[i] = (float)(x * 0.5 * (1.0 + Erf.Evaluate(x * 0.7071067811865476)));
        }
    }

    /// <summary>dx = dy·(Φ(x) + x·φ(x)), from the input: GELU's derivative cannot be recovered from its output.</summary>
    public static void GELUBackwardFromInput(ReadOnlySpan<float> input, Span<float> gradient)
    {
        RequireSameLength(input, gradient);
        for (int i = 0; i < input.Length; i++)
        {
            double x = input[i];
            double cdf = 0.5 * (1.0 + Erf.Evaluate(x * 0.7071067811865476));
            double pdf = Math.Exp(-0.5 * x * x) * 0.3989422804014327;
            gradient[i] = (float)(gradient[i] * (cdf + x * pdf));
        }
    }

    private static void RequireSameLength(ReadOnlySpan<float> values, Span<float> gradient)
    {
        if (values.Length != gradient.Length) throw new ArgumentException($"Activation values have {values.Length} entries but their gradient has {gradient.Length}.", nameof(gradient));
    }
}
