using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using CnnCompiler.Package.Tests.Support;

namespace CnnCompiler.Package.Tests;

/// <summary>What `dotnet pack src/Package` puts in CnnCompiler.nupkg and .snupkg (runs every time: one pack, then reads).</summary>
[Collection(PackedPackageCollection.Name)]
public class PackageLayoutTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public void Nupkg_holds_the_generator_as_an_analyzer_and_the_runtime_and_attributes_as_libraries()
    {
        output.WriteLine($"dotnet pack: {package.Pack.Elapsed.TotalSeconds:F1} s");
        string[] expected =
        [
            "CnnCompiler.nuspec",
            "LICENSE",
            "README.md",
            "analyzers/dotnet/cs/CnnCompiler.Attributes.dll",
            "analyzers/dotnet/cs/CnnCompiler.Generator.dll",
            "lib/net10.0/CnnCompiler.Attributes.dll",
            "lib/net10.0/CnnCompiler.Attributes.xml",
            "lib/net10.0/CnnCompiler.Runtime.dll",
            "lib/net10.0/CnnCompiler.Runtime.xml",
        ];
        Assert.Equal(expected, PackedPackage.Entries(package.NupkgPath));
    }

    [Fact]
    public void Snupkg_holds_the_symbols_of_the_library_assemblies()
    {
        Assert.Equal(
            ["CnnCompiler.nuspec", "lib/net10.0/CnnCompiler.Attributes.pdb", "lib/net10.0/CnnCompiler.Runtime.pdb"],
            PackedPackage.Entries(package.SnupkgPath));
    }

    [Fact]
    public void Nuspec_names_the_package_its_licence_and_readme_and_depends_only_on_the_runtimes_three_packages()
    {
        XElement metadata = package.Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("CnnCompiler", Value("id"));
        Assert.Equal("README.md", Value("readme"));
        XElement license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));

        XElement group = metadata.Descendants().Single(e => e.Name.LocalName == "group");
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        var dependencies = group.Elements().Select(d => ((string?)d.Attribute("id"), (string?)d.Attribute("version"))).OrderBy(d => d.Item1, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [("Google.Protobuf", CentralVersion("Google.Protobuf")), ("StbImageSharp", CentralVersion("StbImageSharp")), ("System.Numerics.Tensors", CentralVersion("System.Numerics.Tensors"))],
            dependencies);
    }

    [Fact]
    public void Readme_and_licence_are_the_repository_files()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.NupkgPath);
        foreach (string name in new[] { "README.md", "LICENSE" })
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, name)), reader.ReadToEnd());
        }
    }

    [Fact]
    public void Generator_targets_netstandard2_0_and_a_Roslyn_the_SDK_compilers_load()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.NupkgPath);
        using var image = new MemoryStream();
        using (Stream entry = zip.GetEntry("analyzers/dotnet/cs/CnnCompiler.Generator.dll")!.Open()) entry.CopyTo(image);
        image.Position = 0;
        using var pe = new PEReader(image);
        MetadataReader metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(metadata.GetAssemblyReference)
            .ToDictionary(r => metadata.GetString(r.Name), r => r.Version);

        Assert.True(references.ContainsKey("netstandard"), "an analyzer must target netstandard2.0");
        Version roslyn = references["Microsoft.CodeAnalysis"];
        Assert.True(roslyn <= new Version(4, 14, 0, 0), $"the generator references Roslyn {roslyn}; the .NET 9 and 10 SDKs load up to 4.14");
        Assert.DoesNotContain("CnnCompiler.Runtime", references.Keys);
    }

    [Fact]
    public void Visualization_nupkg_holds_only_its_own_assembly_and_symbols()
    {
        Assert.Equal(
            ["CnnCompiler.Visualization.nuspec", "LICENSE", "README.md", "lib/net10.0/CnnCompiler.Visualization.dll", "lib/net10.0/CnnCompiler.Visualization.xml"],
            PackedPackage.Entries(package.VisualizationNupkgPath));
        Assert.Equal(
            ["CnnCompiler.Visualization.nuspec", "lib/net10.0/CnnCompiler.Visualization.pdb"],
            PackedPackage.Entries(package.VisualizationSnupkgPath));
    }

    [Fact]
    public void Visualization_depends_on_the_same_version_of_CnnCompiler_with_all_its_assets_and_on_ScottPlot()
    {
        XDocument nuspec = package.VisualizationNuspec;
        Assert.Equal("CnnCompiler.Visualization", PackedPackage.NuspecValue(nuspec, "id"));
        Assert.Equal(package.Version, PackedPackage.NuspecValue(nuspec, "version"));
        Assert.Equal("README.md", PackedPackage.NuspecValue(nuspec, "readme"));
        Assert.Contains("TrainingCurves", PackedPackage.NuspecValue(nuspec, "description"));

        XElement group = nuspec.Descendants().Single(e => e.Name.LocalName == "group");
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        var dependencies = group.Elements().ToDictionary(d => (string)d.Attribute("id")!);
        Assert.Equal(["CnnCompiler", "ScottPlot"], dependencies.Keys.Order(StringComparer.Ordinal));
        // All of CnnCompiler's assets, the generator (analyzers) included: adding CnnCompiler.Visualization alone is enough.
        Assert.Equal(package.Version, (string?)dependencies["CnnCompiler"].Attribute("version"));
        Assert.Equal("All", (string?)dependencies["CnnCompiler"].Attribute("include"));
        Assert.Null(dependencies["CnnCompiler"].Attribute("exclude"));
        Assert.Equal(CentralVersion("ScottPlot"), (string?)dependencies["ScottPlot"].Attribute("version"));
    }

    /// <summary>The version Directory.Packages.props pins for <paramref name="id"/>.</summary>
    private static string CentralVersion(string id) =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;
}
