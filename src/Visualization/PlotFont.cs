using SkiaSharp;

namespace CnnCompiler;

/// <summary>
/// The font family the curves are labelled in. SkiaSharp's Linux library (the NoDependencies build ScottPlot uses)
/// reads fonts from /usr/share/fonts itself, without fontconfig; with no font there, every label would silently be
/// missing, so that is refused with a message naming a package to install.
/// </summary>
internal static class PlotFont
{
    private static readonly string[] Preferred = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"];

    /// <summary>A sans-serif family when one is installed, else any installed family.</summary>
    /// <exception cref="InvalidOperationException">No font is installed.</exception>
    public static string Family()
    {
        string[] installed = SKFontManager.Default.FontFamilies.ToArray();
        if (installed.Length == 0)
        {
            throw new InvalidOperationException(
                "Training curves need a font to draw their labels, and SkiaSharp found none (it reads /usr/share/fonts). " +
                "Install one, for example on Debian or Ubuntu: apt-get install fonts-dejavu-core.");
        }
        return Preferred.FirstOrDefault(f => installed.Contains(f, StringComparer.OrdinalIgnoreCase)) ?? installed[0];
    }
}
