using System;

namespace CnnCompiler
{
    /// <summary>How an upsampling layer fills the positions between its input values (PyTorch's <c>mode</c>).</summary>
    public enum UpsampleMode
    {
        /// <summary>Each value copied into its scale-sized block (<c>mode='nearest'</c>).</summary>
        Nearest = 0,

        /// <summary>
        /// Linear, bilinear or trilinear by rank, with PyTorch's <c>align_corners=False</c>: output position o reads input
        /// position (o + 0.5) / scale − 0.5 (at least 0), interpolating its two neighbours per axis (the last one repeated at the edge).
        /// </summary>
        Linear = 1,
    }

    /// <summary>
    /// What every upsampling layer shares (nn.Upsample with an integer <c>scale_factor</c>): the mode. No parameters;
    /// the output is <c>C×(L·s)</c>, <c>C×(H·s)×(W·s)</c> or <c>C×(D·s)×(H·s)×(W·s)</c>.
    /// </summary>
    public abstract class UpsamplingAttribute : LayerAttribute
    {
        /// <summary>Nearest neighbour (the default, as in PyTorch) or linear interpolation.</summary>
        public UpsampleMode Mode { get; set; }
    }

    /// <summary>1D upsampling of <c>C×L</c> to <c>C×(L·scale)</c> (nn.Upsample on N×C×L).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Upsample1DAttribute : UpsamplingAttribute
    {
        /// <summary>Upsampling by an integer factor (at least 1).</summary>
        public Upsample1DAttribute(int scale)
        {
            ScaleLength = scale;
        }

        /// <summary>Scale factor along length.</summary>
        public int ScaleLength { get; }
    }

    /// <summary>2D upsampling of <c>C×H×W</c> to <c>C×(H·scale)×(W·scale)</c> (nn.Upsample on N×C×H×W; bilinear in linear mode).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Upsample2DAttribute : UpsamplingAttribute
    {
        /// <summary>The same integer factor (at least 1) along every axis.</summary>
        public Upsample2DAttribute(int scale)
        {
            ScaleHeight = scale;
            ScaleWidth = scale;
        }

        /// <summary>An integer factor (at least 1) per axis.</summary>
        public Upsample2DAttribute(int scaleHeight, int scaleWidth)
        {
            ScaleHeight = scaleHeight;
            ScaleWidth = scaleWidth;
        }

        /// <summary>Scale factor along height.</summary>
        public int ScaleHeight { get; }

        /// <summary>Scale factor along width.</summary>
        public int ScaleWidth { get; }
    }

    /// <summary>3D upsampling of <c>C×D×H×W</c> to <c>C×(D·scale)×(H·scale)×(W·scale)</c> (nn.Upsample on N×C×D×H×W; trilinear in linear mode).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Upsample3DAttribute : UpsamplingAttribute
    {
        /// <summary>The same integer factor (at least 1) along every axis.</summary>
        public Upsample3DAttribute(int scale)
        {
            ScaleDepth = scale;
            ScaleHeight = scale;
            ScaleWidth = scale;
        }

        /// <summary>An integer factor (at least 1) per axis.</summary>
        public Upsample3DAttribute(int scaleDepth, int scaleHeight, int scaleWidth)
        {
            ScaleDepth = scaleDepth;
            ScaleHeight = scaleHeight;
            ScaleWidth = scaleWidth;
        }

        /// <summary>Scale factor along depth.</summary>
        public int ScaleDepth { get; }

        /// <summary>Scale factor along height.</summary>
        public int ScaleHeight { get; }

        /// <summary>Scale factor along width.</summary>
        public int ScaleWidth { get; }
    }
}
