// [Network(2, 4, 4)]
// [Conv2D(3, 3)]
// [Flatten]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class FlattenNet;

        // --------------------------------------------------------------------------------------------------------------
        // flatten1 · Flatten
        // input 3×2×2 → output 12 · 0 parameters · 0 FLOP per sample
        // strategy: a view; the channel-major sample is already the flat vector, nothing runs
        // --------------------------------------------------------------------------------------------------------------
        internal static class Flatten1
        {
            /// <summary>Floats in one input sample (3×2×2).</summary>
            public const int InputLength = 12;
            /// <summary>Floats in one output sample (12).</summary>
            public const int OutputLength = 12;
        }
