namespace CnnCompiler
{
    /// <summary>How a convolution or pooling layer pads its input.</summary>
    public enum Padding
    {
        /// <summary>No padding: output = floor((input − kernel) / stride) + 1.</summary>
        Valid = 0,

        /// <summary>Output = ceil(input / stride); an odd total padding puts the extra row/column at the end, as PyTorch and TensorFlow do.</summary>
        Same = 1,
    }
}
