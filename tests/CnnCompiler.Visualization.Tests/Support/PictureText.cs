namespace CnnCompiler.Visualization.Tests.Support;

/// <summary>
/// Reads labels back from a picture: each 12-pixel character cell at the documented place is compared, pixel by pixel
/// (2×2 blocks, black on white), with every glyph of the runtime's bitmap font. Text that is not there, misplaced or
/// drawn in another font does not read back.
/// </summary>
public static class PictureText
{
    public const int Scale = 2;

    /// <summary>The <paramref name="count"/> characters whose cells start at (<paramref name="left"/>, <paramref name="top"/>); '�' where no glyph matches.</summary>
    public static string Read(DecodedPng png, int left, int top, int count)
    {
        var text = new char[count];
        for (int i = 0; i < count; i++)
        {
            int x0 = left + i * GridGeometry.CharacterWidth;
            text[i] = BitmapFont.Characters.Where(c => Matches(png, x0, top, c)).DefaultIfEmpty('\uFFFD').First();
        }
        return new string(text);
    }

    /// <summary>The cell at (x0, y0) shows glyph <paramref name="c"/> and nothing else (its spacing column blank too).</summary>
    private static bool Matches(DecodedPng png, int x0, int y0, char c)
    {
        for (int gy = 0; gy < BitmapFont.GlyphHeight; gy++)
        {
            for (int gx = 0; gx < BitmapFont.Advance; gx++)
            {
                bool ink = gx < BitmapFont.GlyphWidth && BitmapFont.IsSet(c, gx, gy);
                for (int sy = 0; sy < Scale; sy++)
                {
                    for (int sx = 0; sx < Scale; sx++)
                    {
                        int x = x0 + gx * Scale + sx, y = y0 + gy * Scale + sy;
                        if (x >= png.Width) return false;
                        for (int channel = 0; channel < png.Channels; channel++)
                        {
                            if (png.At(x, y, channel) != (ink ? 0 : 255)) return false;
                        }
                    }
                }
            }
        }
        return true;
    }
}
