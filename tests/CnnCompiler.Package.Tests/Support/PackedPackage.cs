using System.IO.Compression;
using System.Xml.Linq;

namespace CnnCompiler.Package.Tests.Support;

/// <summary>
/// The package packed once for every test of the run: `dotnet pack src/Package -c Release` into a temp feed folder,
/// with its own artifacts folder (nothing in the work tree is written, so other test projects can run meanwhile).
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        Directory.CreateDirectory(Feed);
        string project = System.IO.Path.Combine(RepositoryRoot.Path, "src", "Package", "CnnCompiler.Package.csproj");
        Pack = DotNet.Run(RepositoryRoot.Path,
            "pack", project, "-c", "Release", "-o", Feed, "--artifacts-path", System.IO.Path.Combine(Root, "artifacts"), "-nodeReuse:false");
        if (Pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed: " + Pack);
        NupkgPath = Directory.GetFiles(Feed, "CnnCompiler.*.nupkg").Single();
        SnupkgPath = Directory.GetFiles(Feed, "CnnCompiler.*.snupkg").Single();
        using ZipArchive zip = ZipFile.OpenRead(NupkgPath);
        using Stream nuspec = zip.GetEntry("CnnCompiler.nuspec")!.Open();
        Nuspec = XDocument.Load(nuspec);
        Version = Nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value;
    }

    /// <summary>The temp folder of this run (feed, artifacts, consumers).</summary>
    public string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnncompiler-package-" + Guid.NewGuid().ToString("N"));

    /// <summary>The local feed: a folder holding the .nupkg and .snupkg.</summary>
    public string Feed => System.IO.Path.Combine(Root, "feed");

    public DotNet.Result Pack { get; }

    public string NupkgPath { get; }

    public string SnupkgPath { get; }

    public XDocument Nuspec { get; }

    public string Version { get; }

    /// <summary>The entry names of a package file, without the OPC bookkeeping (_rels, [Content_Types].xml, package/).</summary>
    public static string[] Entries(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml")
            .Order(StringComparer.Ordinal).ToArray();
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "packed package";
}
