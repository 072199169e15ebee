using System;

namespace CnnCompiler
{
    /// <summary>
    /// A residual connection: adds the output of the earlier layer named <c>source</c> to the previous layer's output.
    /// Shapes must match, unless <see cref="Projection"/> is set: then the source passes through a 1×1 convolution (with
    /// the filters that make the channels match, no bias) and BatchNorm first, as ResNet's downsampling shortcut. Its
    /// stride is chosen per axis: the stride of the layers from the source to here when it gives the right size (as in
    /// ResNet), else the only stride that does; when several fit and none is the path's, the generator refuses (CNN0021).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AddAttribute : LayerAttribute
    {
        /// <summary>Adds the output of the layer named <paramref name="source"/>.</summary>
        public AddAttribute(string source)
        {
            Source = source;
        }

        /// <summary>The name of the earlier layer whose output is added.</summary>
        public string Source { get; }

        /// <summary>Project the source with a 1×1 convolution and BatchNorm so that its shape matches.</summary>
        public bool Projection { get; set; }
    }

    /// <summary>
    /// A squeeze-and-excitation gate: multiplies, channel by channel, a feature map (C×…) by a per-channel vector (C, or
    /// C×1×…) broadcast over the spatial axes, as PyTorch's <c>x * s.view(N, C, 1, 1)</c>. One input is the previous
    /// layer's output, the other the output of the earlier layer named <c>source</c>; either may be the vector.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MultiplyAttribute : LayerAttribute
    {
        /// <summary>Multiplies by the output of the layer named <paramref name="source"/>.</summary>
        public MultiplyAttribute(string source)
        {
            Source = source;
        }

        /// <summary>The name of the earlier layer whose output is the other factor.</summary>
        public string Source { get; }
    }

    /// <summary>
    /// ResNet's basic block in one attribute: conv 3×3 (stride) → BatchNorm → ReLU → conv 3×3 → BatchNorm, plus the block's
    /// input (projected by a 1×1 convolution with the block's stride on every axis and BatchNorm when the block strides or
    /// changes the channel count, as torchvision's), then ReLU.
    /// Its tensors are named as torchvision names them: <c>{name}.conv1</c>, <c>{name}.bn1</c>, <c>{name}.conv2</c>,
    /// <c>{name}.bn2</c>, <c>{name}.downsample.0</c>, <c>{name}.downsample.1</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class BasicBlockAttribute : LayerAttribute
    {
        /// <summary>A basic block with <paramref name="filters"/> output channels.</summary>
        public BasicBlockAttribute(int filters)
        {
            Filters = filters;
        }

        /// <summary>Output channels.</summary>
        public int Filters { get; }

        /// <summary>Stride of the first convolution (2 halves the spatial size).</summary>
        public int Stride { get; set; } = 1;
    }
}
