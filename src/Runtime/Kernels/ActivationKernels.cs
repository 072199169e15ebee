using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.Kernels;

/// <summary>
/// Element-wise activations and their derivatives, called by generated layers. The backward forms take the forward
/// output y (not x): every activation here has a derivative expressible in y, so no pre-activation buffer is kept.
/// </summary>
public static class ActivationKernels
{
    /// <summary>y = max(0, x), in place.</summary>
    public static void ReLU(Span<float> values) => TensorPrimitives.Max(values, 0f, values);

    /// <summary>dx = dy where y &gt; 0, else 0; in place on <paramref name="gradient"/>.</summary>
    public static void ReLUBackward(ReadOnlySpan<float> output, Span<float> gradient)
    {
        if (output.Length != gradient.Length) throw new ArgumentException($"Activation output has {output.Length} values but its gradient has {gradient.Length}.", nameof(gradient));
        ref float y = ref MemoryMarshal.GetReference(output);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        int i = 0;
        for (; i <= output.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref y, (nuint)i), Vector256<float>.Zero);
            (Vector256.LoadUnsafe(ref g, (nuint)i) & mask).StoreUnsafe(ref g, (nuint)i);
        }
        for (; i < output.Length; i++)
        {
            if (!(Unsafe.Add(ref y, i) > 0f)) Unsafe.Add(ref g, i) = 0f;
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
}
