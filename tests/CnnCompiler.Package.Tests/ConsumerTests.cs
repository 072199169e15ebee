using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CnnCompiler.Package.Tests.Support;
using CnnCompiler.Visualization.Tests.Support;

namespace CnnCompiler.Package.Tests;

/// <summary>
/// Consumers of the packages, set up as the README says (a nuget.config naming the local feed, then
/// `dotnet add package`). Every run: `dotnet new console`, `dotnet add package`, and the restored assets are checked.
/// With CNN_PACKAGE_TEST=1 the consumers are also built and run: a network's prediction, an invalid declaration that
/// must fail with CNN0007, training curves drawn from the CnnCompiler.Visualization package, and the README's recipes
/// for reading the generated code, each built twice in a row (several builds of fresh projects: a few minutes, so
/// opt-in; .ci/run opts in).
/// </summary>
[Collection(PackedPackageCollection.Name)]
public class ConsumerTests(PackedPackage package, ITestOutputHelper output)
{
    private static bool FullTest => Environment.GetEnvironmentVariable("CNN_PACKAGE_TEST") == "1";

    [Fact]
    public void A_console_project_restores_builds_and_runs_with_one_PackageReference()
    {
        output.WriteLine($"dotnet pack: {package.Pack.Elapsed.TotalSeconds:F1} s");
        var (consumer, created) = ConsumerProject.Create(package, "Consumer");
        output.WriteLine($"dotnet new console: {created.Elapsed.TotalSeconds:F1} s");

        DotNet.Result add = consumer.AddPackage("CnnCompiler");
        output.WriteLine($"dotnet add package CnnCompiler: {add.Elapsed.TotalSeconds:F1} s");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains($"<PackageReference Include=\"CnnCompiler\" Version=\"{package.Version}\" />", File.ReadAllText(consumer.ProjectFile));
        AssertRestoredFromTheLocalFeed(consumer);

        if (!FullTest)
        {
            output.WriteLine("CNN_PACKAGE_TEST is not 1: restore checked; building and running the consumer and the CNN0007 build were not run.");
            return;
        }

        consumer.WriteProgram(ConsumerPrograms.Valid);
        DotNet.Result build = consumer.Run("build", "--no-restore");
        output.WriteLine($"dotnet build (valid network): {build.Elapsed.TotalSeconds:F1} s");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);

        DotNet.Result run = consumer.Run("run", "--no-build");
        output.WriteLine($"dotnet run: {run.Elapsed.TotalSeconds:F1} s\n{run.Output}");
        Assert.True(run.ExitCode == 0, run.ToString());
        string line = run.Output.Split('\n').Single(l => l.StartsWith("probabilities: ", StringComparison.Ordinal));
        float[] probabilities = line["probabilities: ".Length..].Trim().Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(5, probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1.0, probabilities.Sum(p => (double)p), precision: 5);

        consumer.WriteProgram(ConsumerPrograms.KernelLargerThanInput);
        DotNet.Result invalid = consumer.Run("build", "--no-restore");
        output.WriteLine($"dotnet build (7×7 kernel on 5×5): {invalid.Elapsed.TotalSeconds:F1} s");
        Assert.True(invalid.ExitCode != 0, "the build of an invalid declaration must fail\n" + invalid);
        Assert.Contains("error CNN0007", invalid.Output);
        Assert.Contains("kernel 7×7", invalid.Output);
    }

    [Fact]
    public void A_console_project_with_only_CnnCompiler_Visualization_declares_a_network_trains_it_and_draws_its_curves()
    {
        var (consumer, _) = ConsumerProject.Create(package, "CurvesConsumer");
        DotNet.Result add = consumer.AddPackage("CnnCompiler.Visualization");
        output.WriteLine($"dotnet add package CnnCompiler.Visualization: {add.Elapsed.TotalSeconds:F1} s");
        Assert.True(add.ExitCode == 0, add.ToString());

        using (JsonDocument assets = consumer.Assets())
        {
            JsonElement root = assets.RootElement;
            string visualization = "CnnCompiler.Visualization/" + package.Version, cnn = "CnnCompiler/" + package.Version;
            Assert.Equal(ConsumerProject.Sha512(package.VisualizationNupkgPath), root.GetProperty("libraries").GetProperty(visualization).GetProperty("sha512").GetString());
            Assert.Equal(ConsumerProject.Sha512(package.NupkgPath), root.GetProperty("libraries").GetProperty(cnn).GetProperty("sha512").GetString());
            JsonElement target = root.GetProperty("targets").GetProperty("net10.0");
            Assert.Equal(["lib/net10.0/CnnCompiler.Visualization.dll"], target.GetProperty(visualization).GetProperty("compile").EnumerateObject().Select(p => p.Name));
            Assert.True(target.GetProperty(visualization).GetProperty("dependencies").TryGetProperty("ScottPlot", out _), "ScottPlot is a dependency");
            Assert.True(target.TryGetProperty(cnn, out _), "CnnCompiler comes with CnnCompiler.Visualization");
        }

        if (!FullTest)
        {
            output.WriteLine("CNN_PACKAGE_TEST is not 1: restore checked; building the consumer and drawing curves were not run.");
            return;
        }

        consumer.WriteProgram(ConsumerPrograms.Curves);
        DotNet.Result build = consumer.Run("build", "--no-restore");
        output.WriteLine($"dotnet build: {build.Elapsed.TotalSeconds:F1} s");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);

        DotNet.Result run = consumer.Run("run", "--no-build");
        output.WriteLine($"dotnet run: {run.Elapsed.TotalSeconds:F1} s\n{run.Output}");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("epochs: 4", run.Output);
        string path = run.Output.Split('\n').Single(l => l.StartsWith("curves: ", StringComparison.Ordinal))["curves: ".Length..].Trim();

        DecodedPng png = PngDecoder.Read(path);
        Assert.Equal((1200, 450), (png.Width, png.Height));
        foreach (var (left, right) in new[] { (0, 600), (600, 1200) })
        {
            Assert.True(Count(png, left, right, 0x1F, 0x77, 0xB4) > 200, "the training line (blue) is drawn in each panel");
            Assert.True(Count(png, left, right, 0xFF, 0x7F, 0x0E) > 100, "the validation line (orange) is drawn in each panel");
            Assert.True(Count(png, left, left + 60, 0, 0, 0, tolerance: 200) > 150, "tick labels and the axis title are drawn (a font was found)");
        }
    }

    /// <summary>
    /// Each ```xml block of the README's "Reading the generated code" section, added to a fresh consumer: two builds in
    /// a row must both succeed (the second used to fail with CNN0023/CNN0024 when the emitted files were compiled
    /// again), and the generated file must be where the README says.
    /// </summary>
    [Fact]
    public void The_README_recipes_for_reading_the_generated_code_survive_a_second_build()
    {
        string[] recipes = ReadmeRecipes();
        Assert.Equal(2, recipes.Length);
        if (!FullTest)
        {
            output.WriteLine("CNN_PACKAGE_TEST is not 1: the README's two recipes were found; building them twice each was not run.");
            return;
        }

        var (consumer, _) = ConsumerProject.Create(package, "GeneratedConsumer");
        DotNet.Result add = consumer.AddPackage("CnnCompiler");
        Assert.True(add.ExitCode == 0, add.ToString());
        consumer.WriteProgram(ConsumerPrograms.Valid);
        string project = File.ReadAllText(consumer.ProjectFile);
        foreach (string recipe in recipes)
        {
            File.WriteAllText(consumer.ProjectFile, project);
            consumer.AddToProject(recipe);
            // Each recipe starts without the files of the one before (obj/ stays: its restore is the same).
            if (Directory.Exists(Path.Combine(consumer.Folder, "generated"))) Directory.Delete(Path.Combine(consumer.Folder, "generated"), recursive: true);
            for (int build = 1; build <= 2; build++)
            {
                DotNet.Result result = consumer.Run("build");
                output.WriteLine($"recipe {Array.IndexOf(recipes, recipe) + 1}, build {build}: {result.Elapsed.TotalSeconds:F1} s");
                Assert.True(result.ExitCode == 0, $"build {build} of\n{recipe}\nfailed: {result}");
                Assert.Contains("0 Warning(s)", result.Output);
            }
            string folder2 = Regex.Match(recipe, "<CompilerGeneratedFilesOutputPath>(.+)</CompilerGeneratedFilesOutputPath>") is { Success: true } m
                ? m.Groups[1].Value : "obj/Debug/net10.0/generated";
            string file = Path.Combine(consumer.Folder, folder2, "CnnCompiler.Generator", "CnnCompiler.Generator.NetworkGenerator", "TinyNet.g.cs");
            Assert.True(File.Exists(file), $"no {file}");
            Assert.Contains("partial class TinyNet", File.ReadAllText(file));
        }
    }

    /// <summary>The ```xml blocks of README.md's "Reading the generated code" section.</summary>
    private static string[] ReadmeRecipes()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("\n## Reading the generated code\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no section 'Reading the generated code'");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = readme[start..(end < 0 ? readme.Length : end)];
        return Regex.Matches(section, "```xml\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
    }

    private static int Count(DecodedPng png, int left, int right, int red, int green, int blue, int tolerance = 40)
    {
        int count = 0;
        for (int y = 0; y < png.Height; y++)
        {
            for (int x = left; x < right; x++)
            {
                if (Math.Abs(png.At(x, y, 0) - red) + Math.Abs(png.At(x, y, 1) - green) + Math.Abs(png.At(x, y, 2) - blue) < tolerance) count++;
            }
        }
        return count;
    }

    private void AssertRestoredFromTheLocalFeed(ConsumerProject consumer)
    {
        using JsonDocument assets = consumer.Assets();
        JsonElement root = assets.RootElement;
        string key = "CnnCompiler/" + package.Version;

        JsonElement library = root.GetProperty("libraries").GetProperty(key);
        Assert.Equal(ConsumerProject.Sha512(package.NupkgPath), library.GetProperty("sha512").GetString());
        string[] files = library.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray();
        Assert.Contains("analyzers/dotnet/cs/CnnCompiler.Generator.dll", files);
        Assert.True(Directory.Exists(Path.Combine(consumer.Packages, "cnncompiler", package.Version)), "restored into the private packages folder");

        JsonElement target = root.GetProperty("targets").GetProperty("net10.0");
        JsonElement cnn = target.GetProperty(key);
        string[] compile = cnn.GetProperty("compile").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["lib/net10.0/CnnCompiler.Attributes.dll", "lib/net10.0/CnnCompiler.Runtime.dll"], compile);
        string[] dependencies = cnn.GetProperty("dependencies").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Google.Protobuf", "StbImageSharp", "System.Numerics.Tensors"], dependencies);
        Assert.DoesNotContain(target.EnumerateObject(), p => p.Name.StartsWith("CnnCompiler.", StringComparison.Ordinal));
    }
}
