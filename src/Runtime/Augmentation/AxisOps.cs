namespace CnnCompiler;

/// <summary>Flips and shifts of a sample along one axis, in place, for a sample viewed as <c>outer × extent × inner</c>.</summary>
internal static class AxisOps
{
    /// <summary>Reverses the order of the <paramref name="extent"/> positions along the axis.</summary>
    public static void Flip(Span<float> sample, int outer, int extent, int inner)
    {
        int block = extent * inner;
        for (int o = 0; o < outer; o++)
        {
            Span<float> slab = sample.Slice(o * block, block);
            if (inner == 1)
            {
                slab.Reverse();
                continue;
            }
            for (int i = 0, j = extent - 1; i < j; i++, j--)
            {
                Span<float> a = slab.Slice(i * inner, inner), b = slab.Slice(j * inner, inner);
                for (int k = 0; k < inner; k++) (a[k], b[k]) = (b[k], a[k]);
            }
        }
    }

    /// <summary>
    /// Moves the content by <paramref name="shift"/> positions along the axis (towards higher indices when positive):
    /// <c>out[i] = in[i − shift]</c>, with <paramref name="fill"/> where <c>i − shift</c> falls outside.
    /// </summary>
    public static void Shift(Span<float> sample, int outer, int extent, int inner, int shift, float fill)
    {
        if (shift == 0) return;
        int block = extent * inner;
        int kept = Math.Max(0, extent - Math.Abs(shift));
        for (int o = 0; o < outer; o++)
        {
            Span<float> slab = sample.Slice(o * block, block);
            if (shift > 0)
            {
                slab[..(kept * inner)].CopyTo(slab[((extent - kept) * inner)..]); // overlapping copies behave as memmove
                slab[..((extent - kept) * inner)].Fill(fill);
            }
            else
            {
                slab[((extent - kept) * inner)..].CopyTo(slab);
                slab[(kept * inner)..].Fill(fill);
            }
        }
    }
}
