using System.Globalization;

namespace CnnCompiler.CompilerServices;

/// <summary>The argument checks of a network's entry points, with messages that name the network and both lengths.</summary>
internal static class Arguments
{
    /// <summary>Samples in <paramref name="length"/> floats; throws unless it is a positive multiple of the input length.</summary>
    public static int SampleCount(string network, int length, int inputLength, ReadOnlySpan<int> inputShape, string parameter)
    {
        if (length == 0 || length % inputLength != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{network} takes samples of {inputLength} floats ({string.Join("×", inputShape.ToArray())}); '{parameter}' has {length}, which is not a positive multiple of {inputLength}."), parameter);
        }
        return length / inputLength;
    }

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void RequireLength(string network, int actual, int expected, string parameter, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{network}: '{parameter}' must hold {expected} values ({what}) but has {actual}."), parameter);
        }
    }
}
