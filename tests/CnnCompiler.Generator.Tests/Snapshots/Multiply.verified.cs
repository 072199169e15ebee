// [Network(4, 6, 6)]
// [Conv2D(4, 3, Padding = Padding.Same, Name = "features")]
// [GlobalAveragePool]
// [Dense(2, Activation = Activation.ReLU)]
// [Dense(4, Activation = Activation.Sigmoid, Name = "gate")]
// [Multiply("features")]
// [Conv2D(4, 3, Padding = Padding.Same)]
// [Multiply("gate")]
// [GlobalAveragePool]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class MultiplyNet;

        /// <summary>mul1: per channel (4 × 36): the named layer's plane times the previous layer's gate value.</summary>
        public readonly struct MultiplyKernel1 : IChannelGateShape
        {
            public static int Channels => 4;
            public static int Plane => 36;
            public static bool GateIsNamedInput => false;
        }

        /// <summary>mul2: per channel (4 × 36): the previous layer's plane times the named layer's gate value.</summary>
        public readonly struct MultiplyKernel2 : IChannelGateShape
        {
            public static int Channels => 4;
            public static int Plane => 36;
            public static bool GateIsNamedInput => true;
        }

        // --------
        // Multiply · input 4 → output 4×6×6 · runs Kernels.MultiplyKernel1
        // for the layer mul1
        // --------
        internal static class MultiplyKernel1Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, Span<float> y, Workspace ws, int n) =>
                ChannelGate<Kernels.MultiplyKernel1>.Forward(x, skip, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dskip, Span<float> dp, Workspace ws, int n) =>
                ChannelGate<Kernels.MultiplyKernel1>.Backward(x, skip, dy, dx, dskip, n);
        }

        // --------
        // Multiply · input 4×6×6 → output 4×6×6 · runs Kernels.MultiplyKernel2
        // for the layer mul2
        // --------
        internal static class MultiplyKernel2Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, Span<float> y, Workspace ws, int n) =>
                ChannelGate<Kernels.MultiplyKernel2>.Forward(x, skip, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dskip, Span<float> dp, Workspace ws, int n) =>
                ChannelGate<Kernels.MultiplyKernel2>.Backward(x, skip, dy, dx, dskip, n);
        }
