using System.Text.RegularExpressions;
using CnnCompiler.Package.Tests.Support;

namespace CnnCompiler.Package.Tests;

/// <summary>
/// `dotnet pack -c Release` at the repository root packs every project of CnnCompiler.sln that is packable. Exactly the
/// four packages must be: the two packaging projects, CnnCompiler.Onnx and the cnncompiler tool (the packages themselves
/// are built and checked by the other tests of this project and of tests/CnnCompiler.Onnx.Tests);
/// every other project says it is not a package, so the root pack neither fails on one (the generator alone: NU5017)
/// nor produces packages nobody asked for. Each project is evaluated by MSBuild, as `dotnet pack` evaluates it
/// (Directory.Build.props included), in one `dotnet msbuild` of a few seconds.
/// </summary>
public partial class RootPackTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""(?<path>[^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();

    [Fact]
    public void Only_the_four_packages_of_the_solution_are_packable_and_they_share_one_version()
    {
        string[] projects = SolutionProject().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "CnnCompiler.sln")))
            .Select(m => Path.GetFullPath(Path.Combine(RepositoryRoot.Path, m.Groups["path"].Value.Replace('\\', '/'))))
            .ToArray();
        Assert.True(projects.Length >= 20, $"only {projects.Length} projects found in CnnCompiler.sln");

        string work = Path.Combine(Path.GetTempPath(), "cnncompiler-rootpack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string targets = Path.Combine(work, "report.targets");
            File.WriteAllText(targets, """
                <Project>
                  <Target Name="ReportPackaging" Returns="@(_Packaging)">
                    <ItemGroup>
                      <_Packaging Include="$(MSBuildProjectFullPath)" IsPackable="$(IsPackable)" PackageId="$(PackageId)" PackageVersion="$(PackageVersion)" />
                    </ItemGroup>
                  </Target>
                </Project>
                """);
            string traversal = Path.Combine(work, "solution.proj");
            File.WriteAllText(traversal, $"""
                <Project>
                  <ItemGroup>
                {string.Concat(projects.Select(p => $"    <SolutionProject Include=\"{p}\" />\n"))}  </ItemGroup>
                  <Target Name="Report">
                    <MSBuild Projects="@(SolutionProject)" Targets="ReportPackaging" Properties="Configuration=Release;CustomAfterMicrosoftCommonTargets={targets}">
                      <Output TaskParameter="TargetOutputs" ItemName="Reported" />
                    </MSBuild>
                    <Message Importance="high" Text="PACKAGING|%(Reported.Identity)|%(Reported.IsPackable)|%(Reported.PackageId)|%(Reported.PackageVersion)" />
                  </Target>
                </Project>
                """);
            DotNet.Result result = DotNet.Run(work, "msbuild", traversal, "-t:Report", "-nologo", "-v:m", "-nodeReuse:false");
            output.WriteLine(result.ToString());
            Assert.True(result.ExitCode == 0, result.ToString());

            var reported = result.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("PACKAGING|", StringComparison.Ordinal))
                .Select(l => l.Split('|')).ToDictionary(f => Path.GetRelativePath(RepositoryRoot.Path, f[1]).Replace('\\', '/'), f => (Packable: f[2], Id: f[3], Version: f[4]));
            Assert.Equal(projects.Length, reported.Count);

            var packable = reported.Where(p => p.Value.Packable == "true").OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
            Assert.Equal(
                ["src/Onnx/CnnCompiler.Onnx.csproj", "src/Package/CnnCompiler.Package.csproj", "src/Tool/CnnCompiler.Tool.csproj", "src/VisualizationPackage/CnnCompiler.Visualization.Package.csproj"],
                packable.Select(p => p.Key));
            Assert.Equal(["CnnCompiler.Onnx", "CnnCompiler", "CnnCompiler.Tool", "CnnCompiler.Visualization"], packable.Select(p => p.Value.Id));
            Assert.Single(packable.Select(p => p.Value.Version).Distinct());
            Assert.All(reported.Where(p => p.Value.Packable != "true"), p => Assert.Equal("false", p.Value.Packable));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
