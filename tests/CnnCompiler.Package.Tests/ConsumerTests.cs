using System.Globalization;
using System.Text.Json;
using CnnCompiler.Package.Tests.Support;

namespace CnnCompiler.Package.Tests;

/// <summary>
/// A consumer of the package. Every run: `dotnet new console`, one PackageReference, restore from the local feed into
/// a private packages folder, and the restored assets are checked. With CNN_PACKAGE_TEST=1 the consumer is also built
/// and run, and an invalid declaration must fail the build with CNN0007 (two builds of a fresh project: about a
/// minute, so opt-in).
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

        DotNet.Result restore = consumer.Run("restore");
        output.WriteLine($"dotnet restore: {restore.Elapsed.TotalSeconds:F1} s");
        Assert.True(restore.ExitCode == 0, restore.ToString());
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
        string[] dependencies = cnn.GetProperty("dependencies").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["System.Numerics.Tensors"], dependencies);
        Assert.DoesNotContain(target.EnumerateObject(), p => p.Name.StartsWith("CnnCompiler.", StringComparison.Ordinal));
    }
}
