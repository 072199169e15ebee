using System;

namespace CnnCompiler
{
    /// <summary>
    /// Declares a network on a <c>partial class</c> and gives the shape of one input sample, channels first:
    /// <c>[Network(1, 28, 28)]</c> is 1 channel of 28×28 (C, H, W); <c>[Network(1, 128)]</c> a 1-channel signal of 128 (C, L);
    /// <c>[Network(1, 8, 16, 16)]</c> a clip (C, D, H, W). The layers follow as further attributes, in order.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class NetworkAttribute : Attribute
    {
        /// <summary>Declares the input shape of one sample, channels first.</summary>
        public NetworkAttribute(params int[] inputShape)
        {
            InputShape = inputShape;
        }

        /// <summary>The input shape of one sample, channels first.</summary>
        public int[] InputShape { get; }
    }
}
