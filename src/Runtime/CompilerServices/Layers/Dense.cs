using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A dense layer over the whole batch as GEMMs: forward Y[n×units] = X[n×inputs] · W[units×inputs]ᵀ (+ b, then the
/// fused activation); backward dZ = dY · act′, db += Σₙ dZ, dW += dZᵀ · X, dX = dZ · W. A spatial input is read as its
/// flat channel-major vector, as torch.flatten lays it out. Every size and tile is a constant of <typeparamref name="TShape"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dense<TShape> where TShape : struct, IDenseShape
{
    /// <summary>y = act(W · x + b) for <paramref name="count"/> samples; an empty <paramref name="bias"/> means none.</summary>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output, int count)
    {
        DotGemm<ForwardGemm>.Multiply(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(output), count);
        if (!bias.IsEmpty)
        {
            for (int n = 0; n < count; n++)
            {
                Span<float> y = output.Slice(n * TShape.Units, TShape.Units);
                TensorPrimitives.Add(y, bias, y);
            }
        }
        FusedActivation.Forward(TShape.Activation, output.Slice(0, count * TShape.Units));
    }

    /// <summary>
    /// Inverts <see cref="Forward"/>. <paramref name="outputGradient"/> becomes dZ in place. Empty
    /// <paramref name="weightGradient"/> means the layer is frozen (no parameter gradient); empty
    /// <paramref name="biasGradient"/> means no bias; empty <paramref name="inputGradient"/> means no layer before needs it.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> weights, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient,
        Span<float> inputGradient, Span<float> weightGradient, Span<float> biasGradient, int count)
    {
        FusedActivation.Backward(TShape.Activation, output.Slice(0, count * TShape.Units), outputGradient.Slice(0, count * TShape.Units));
        ref float gradient = ref MemoryMarshal.GetReference(outputGradient);
        if (!weightGradient.IsEmpty)
        {
            for (int n = 0; n < count && !biasGradient.IsEmpty; n++)
            {
                TensorPrimitives.Add(biasGradient, outputGradient.Slice(n * TShape.Units, TShape.Units), biasGradient);
            }
            BroadcastGemm<WeightGradientGemm>.Multiply(ref gradient, ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(weightGradient), depth: count);
        }
        if (inputGradient.IsEmpty) return;
        BroadcastGemm<InputGradientGemm>.Multiply(ref gradient, ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(inputGradient), rows: count);
    }

    /// <summary>Y[n×units] = X[n×inputs] · W[units×inputs]ᵀ.</summary>
    private readonly struct ForwardGemm : IDotGemm
    {
        public static int M => 0;
        public static int N => TShape.Units;
        public static int K => TShape.Inputs;
        public static int RowStrideA => TShape.Inputs;
        public static int RowStrideB => TShape.Inputs;
        public static int RowStrideC => TShape.Units;
        public static int ColStrideC => 1;
        public static bool Accumulate => false;
        public static int RowTile => TShape.ForwardRowTile;
        public static int ColumnTile => TShape.ForwardColumnTile;
        public static bool Wide => TShape.ForwardWide;
    }

    /// <summary>dW[units×inputs] += dYᵀ[units×n] · X[n×inputs].</summary>
    private readonly struct WeightGradientGemm : IBroadcastGemm
    {
        public static int M => TShape.Units;
        public static int N => TShape.Inputs;
        public static int K => 0;
        public static int RowStrideA => 1;
        public static int ColStrideA => TShape.Units;
        public static int RowStrideB => TShape.Inputs;
        public static int RowStrideC => TShape.Inputs;
        public static bool Accumulate => true;
        public static int RowTile => TShape.WeightGradientRowTile;
        public static int VectorTile => TShape.WeightGradientVectorTile;
        public static int WideVectorTile => TShape.WeightGradientWideVectorTile;
        public static bool Wide => TShape.WeightGradientWide;
    }

    /// <summary>dX[n×inputs] = dY[n×units] · W[units×inputs].</summary>
    private readonly struct InputGradientGemm : IBroadcastGemm
    {
        public static int M => 0;
        public static int N => TShape.Inputs;
        public static int K => TShape.Units;
        public static int RowStrideA => TShape.Units;
        public static int ColStrideA => 1;
        public static int RowStrideB => TShape.Inputs;
        public static int RowStrideC => TShape.Inputs;
        public static bool Accumulate => false;
        public static int RowTile => TShape.InputGradientRowTile;
        public static int VectorTile => TShape.InputGradientVectorTile;
        public static int WideVectorTile => TShape.InputGradientWideVectorTile;
        public static bool Wide => TShape.InputGradientWide;
    }
}
