using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Element-wise activations and their derivatives, called by generated layers. Most backward forms take the forward
/// output y, so that a fused activation keeps no pre-activation buffer; the ones named <c>…FromInput</c> take the
/// input x (GELU, Hardsigmoid, Hardswish and SiLU, whose derivative PyTorch computes from x and y does not determine
/// exactly), and the generator makes those layers of their own.
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

    /// <summary>y = min(max(x, 0), 6), in place (nn.ReLU6).</summary>
    public static void ReLU6(Span<float> values) => ReLU6(values, values);

    /// <summary>y = min(max(x, 0), 6) from <paramref name="input"/> into <paramref name="output"/> in one pass (which may be the input itself).</summary>
    public static void ReLU6(ReadOnlySpan<float> input, Span<float> output)
    {
        RequireRoom(input, output);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        Vector256<float> six = Vector256.Create(6f);
        int i = 0;
        for (; i <= input.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256<float>.Zero), six).StoreUnsafe(ref y, (nuint)i);
        }
        for (; i < input.Length; i++)
        {
            Unsafe.Add(ref y, i) = MathF.Min(MathF.Max(Unsafe.Add(ref x, i), 0f), 6f);
        }
    }

    /// <summary>dx = dy where 0 &lt; y &lt; 6, else 0, in place on <paramref name="gradient"/>.</summary>
    public static void ReLU6Backward(ReadOnlySpan<float> output, Span<float> gradient) => ReLU6Backward(output, gradient, gradient);

    /// <summary>
    /// dx = dy where 0 &lt; y &lt; 6, else 0 (PyTorch's hardtanh_backward: 0 at x = 0 and x = 6, and y is in (0, 6)
    /// exactly when x is), written to <paramref name="inputGradient"/> in one pass (which may be <paramref name="gradient"/>).
    /// </summary>
    public static void ReLU6Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, Span<float> inputGradient)
    {
        RequireGradients(output, gradient, inputGradient);
        ref float y = ref MemoryMarshal.GetReference(output);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        Vector256<float> six = Vector256.Create(6f);
        int i = 0;
        for (; i <= output.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> value = Vector256.LoadUnsafe(ref y, (nuint)i);
            Vector256<float> inside = Vector256.GreaterThan(value, Vector256<float>.Zero) & Vector256.LessThan(value, six);
            (Vector256.LoadUnsafe(ref g, (nuint)i) & inside).StoreUnsafe(ref dx, (nuint)i);
        }
        for (; i < output.Length; i++)
        {
            float value = Unsafe.Add(ref y, i);
            Unsafe.Add(ref dx, i) = value > 0f && value < 6f ? Unsafe.Add(ref g, i) : 0f;
        }
    }

    /// <summary>y = min(max(x + 3, 0), 6) / 6 (nn.Hardsigmoid, in PyTorch's order of operations), <paramref name="input"/> into <paramref name="output"/> (which may be the input).</summary>
    public static void Hardsigmoid(ReadOnlySpan<float> input, Span<float> output)
    {
        RequireRoom(input, output);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        Vector256<float> three = Vector256.Create(3f), six = Vector256.Create(6f);
        int i = 0;
        for (; i <= input.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            (Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)i) + three, Vector256<float>.Zero), six) / six).StoreUnsafe(ref y, (nuint)i);
        }
        for (; i < input.Length; i++)
        {
            Unsafe.Add(ref y, i) = MathF.Min(MathF.Max(Unsafe.Add(ref x, i) + 3f, 0f), 6f) / 6f;
        }
    }

    /// <summary>
    /// dx = dy / 6 where −3 &lt; x &lt; 3, else 0 (PyTorch's hardsigmoid_backward: dy · (1/6 as a float), 0 at ±3), from
    /// the input, into <paramref name="inputGradient"/> (which may be <paramref name="gradient"/>).
    /// </summary>
    public static void HardsigmoidBackwardFromInput(ReadOnlySpan<float> input, ReadOnlySpan<float> gradient, Span<float> inputGradient)
    {
        RequireGradients(input, gradient, inputGradient);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        Vector256<float> three = Vector256.Create(3f), minusThree = Vector256.Create(-3f), sixth = Vector256.Create(1f / 6f);
        int i = 0;
        for (; i <= input.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> value = Vector256.LoadUnsafe(ref x, (nuint)i);
            Vector256<float> inside = Vector256.GreaterThan(value, minusThree) & Vector256.LessThan(value, three);
            (Vector256.LoadUnsafe(ref g, (nuint)i) * sixth & inside).StoreUnsafe(ref dx, (nuint)i);
        }
        for (; i < input.Length; i++)
        {
            float value = Unsafe.Add(ref x, i);
            Unsafe.Add(ref dx, i) = value > -3f && value < 3f ? Unsafe.Add(ref g, i) * (1f / 6f) : 0f;
        }
    }

    /// <summary>y = x · min(max(x + 3, 0), 6) / 6 (nn.Hardswish, in PyTorch's order of operations), <paramref name="input"/> into <paramref name="output"/> (which may be the input).</summary>
    public static void Hardswish(ReadOnlySpan<float> input, Span<float> output)
    {
        RequireRoom(input, output);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        Vector256<float> three = Vector256.Create(3f), six = Vector256.Create(6f);
        int i = 0;
        for (; i <= input.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> value = Vector256.LoadUnsafe(ref x, (nuint)i);
            (value * Vector256.Min(Vector256.Max(value + three, Vector256<float>.Zero), six) / six).StoreUnsafe(ref y, (nuint)i);
        }
        for (; i < input.Length; i++)
        {
            float value = Unsafe.Add(ref x, i);
            Unsafe.Add(ref y, i) = value * MathF.Min(MathF.Max(value + 3f, 0f), 6f) / 6f;
        }
    }

    /// <summary>
    /// dx = 0 for x &lt; −3, dy · (x / 3 + 0.5) for −3 ≤ x &lt; 3, dy for x ≥ 3, from the input, into
    /// <paramref name="inputGradient"/> (which may be <paramref name="gradient"/>). This is PyTorch 1.13's
    /// hardswish_backward as it runs on doubles and on float vectors; its scalar float path (a short float tensor's
    /// elements) gives 1.5·dy at exactly x = 3.
    /// </summary>
    public static void HardswishBackwardFromInput(ReadOnlySpan<float> input, ReadOnlySpan<float> gradient, Span<float> inputGradient)
    {
        RequireGradients(input, gradient, inputGradient);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        Vector256<float> three = Vector256.Create(3f), minusThree = Vector256.Create(-3f), half = Vector256.Create(0.5f);
        int i = 0;
        for (; i <= input.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> value = Vector256.LoadUnsafe(ref x, (nuint)i);
            Vector256<float> dy = Vector256.LoadUnsafe(ref g, (nuint)i);
            Vector256<float> middle = dy * (value / three + half);
            Vector256<float> result = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(value, three), dy, middle);
            Vector256.AndNot(result, Vector256.LessThan(value, minusThree)).StoreUnsafe(ref dx, (nuint)i);
        }
        for (; i < input.Length; i++)
        {
            float value = Unsafe.Add(ref x, i), dy = Unsafe.Add(ref g, i);
            Unsafe.Add(ref dx, i) = value < -3f ? 0f : value < 3f ? dy * (value / 3f + 0.5f) : dy;
        }
    }

    /// <summary>Floats per chunk of SiLU's sigmoid scratch (on the stack).</summary>
    private const int SiLUChunk = 256;

    /// <summary>y = x · σ(x) (nn.SiLU), <paramref name="input"/> into <paramref name="output"/> (which may be the input), σ by <c>TensorPrimitives.Sigmoid</c> a chunk at a time.</summary>
    public static void SiLU(ReadOnlySpan<float> input, Span<float> output)
    {
        RequireRoom(input, output);
        Span<float> sigmoid = stackalloc float[SiLUChunk];
        for (int start = 0; start < input.Length; start += SiLUChunk)
        {
            int length = Math.Min(SiLUChunk, input.Length - start);
            ReadOnlySpan<float> x = input.Slice(start, length);
            TensorPrimitives.Sigmoid(x, sigmoid.Slice(0, length));
            TensorPrimitives.Multiply(x, sigmoid.Slice(0, length), output.Slice(start, length));
        }
    }

    /// <summary>
    /// dx = dy · σ(x) · (1 + x · (1 − σ(x))) (PyTorch's silu_backward), from the input, into
    /// <paramref name="inputGradient"/> (which may be <paramref name="gradient"/>).
    /// </summary>
    public static void SiLUBackwardFromInput(ReadOnlySpan<float> input, ReadOnlySpan<float> gradient, Span<float> inputGradient)
    {
        RequireGradients(input, gradient, inputGradient);
        Span<float> sigmoid = stackalloc float[SiLUChunk];
        ref float s = ref MemoryMarshal.GetReference(sigmoid);
        Vector256<float> one = Vector256<float>.One;
        for (int start = 0; start < input.Length; start += SiLUChunk)
        {
            int length = Math.Min(SiLUChunk, input.Length - start);
            TensorPrimitives.Sigmoid(input.Slice(start, length), sigmoid.Slice(0, length));
            ref float x = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
            ref float g = ref Unsafe.Add(ref MemoryMarshal.GetReference(gradient), start);
            ref float dx = ref Unsafe.Add(ref MemoryMarshal.GetReference(inputGradient), start);
            int i = 0;
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> sig = Vector256.LoadUnsafe(ref s, (nuint)i);
                Vector256<float> factor = sig * (one + Vector256.LoadUnsafe(ref x, (nuint)i) * (one - sig));
                (Vector256.LoadUnsafe(ref g, (nuint)i) * factor).StoreUnsafe(ref dx, (nuint)i);
            }
            for (; i < length; i++)
            {
                float sig = Unsafe.Add(ref s, i);
                Unsafe.Add(ref dx, i) = Unsafe.Add(ref g, i) * (sig * (1f + Unsafe.Add(ref x, i) * (1f - sig)));
            }
        }
    }

    private static void RequireRoom(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length) throw new ArgumentException($"The activation's input has {input.Length} values but its output room for only {output.Length}.", nameof(output));
    }

    private static void RequireGradients(ReadOnlySpan<float> values, ReadOnlySpan<float> gradient, Span<float> inputGradient)
    {
        if (values.Length != gradient.Length || inputGradient.Length < gradient.Length)
        {
            throw new ArgumentException($"Activation values have {values.Length} entries, their gradient {gradient.Length} and the input gradient {inputGradient.Length}; the first two must match and the last hold as many.", nameof(inputGradient));
        }
    }

    private static void RequireSameLength(ReadOnlySpan<float> values, Span<float> gradient)
    {
        if (values.Length != gradient.Length) throw new ArgumentException($"Activation values have {values.Length} entries but their gradient has {gradient.Length}.", nameof(gradient));
    }
}
