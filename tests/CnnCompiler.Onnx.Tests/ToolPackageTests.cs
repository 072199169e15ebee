using System.Diagnostics;
using CnnCompiler.OnnxTests.Support;

namespace CnnCompiler.OnnxTests;

/// <summary>
/// The cnncompiler tool as a user installs it: `dotnet pack src/Tool` into a folder, a tool manifest, `dotnet tool
/// install CnnCompiler.Tool --add-source FOLDER`, then `dotnet cnncompiler import`. With CNN_PACKAGE_TEST=1 (as .ci/run
/// sets it; a pack and an install take most of a minute), else it says so and returns.
/// </summary>
public sealed class ToolPackageTests(ITestOutputHelper output)
{
    private string? _packages;

    [Fact]
    public void The_packed_tool_installs_as_a_local_tool_and_imports()
    {
        if (Environment.GetEnvironmentVariable("CNN_PACKAGE_TEST") != "1")
        {
            output.WriteLine("CNN_PACKAGE_TEST is not 1: the tool package was not packed and installed.");
            return;
        }
        string root = Directory.CreateTempSubdirectory("cnn-tool-").FullName;
        try
        {
            string feed = Path.Combine(root, "feed"), consumer = Path.Combine(root, "consumer");
            Directory.CreateDirectory(consumer);
            string project = Path.Combine(RepositoryRoot(), "src", "Tool", "CnnCompiler.Tool.csproj");
            // A version of its own: the SDK's local-tool resolver caches where each name and version was installed.
            string version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..12];
            Run(root, "pack", project, "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(root, "artifacts"), "-nodeReuse:false", $"-p:PackageVersion={version}");
            Assert.Single(Directory.GetFiles(feed, "CnnCompiler.Tool.*.nupkg"));
            // A private packages folder, so that a tool installed earlier from another build is not reused.
            _packages = Path.Combine(root, "packages");
            Run(consumer, "new", "tool-manifest");
            Run(consumer, "tool", "install", "CnnCompiler.Tool", "--version", version, "--add-source", feed);
            string result = Run(consumer, "cnncompiler", "import", ImportedNetworks.VectorPath("mixed.onnx"), "--class", "Mixed", "--namespace", "Demo", "--out", "out");
            Assert.Contains("Imported mixed.onnx: 13 layers", result);
            Assert.Contains("[BinaryCrossEntropy]", File.ReadAllText(Path.Combine(consumer, "out", "Mixed.cs")));
            Assert.True(new FileInfo(Path.Combine(consumer, "out", "Mixed.safetensors")).Length > 11_000);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (_packages is not null) start.Environment["NUGET_PACKAGES"] = _packages;
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        text += error.Result;
        output.WriteLine($"dotnet {string.Join(' ', arguments.Take(2))}: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
        return text;
    }

    private static string RepositoryRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "CnnCompiler.sln"))) return directory;
        }
        throw new InvalidOperationException("CnnCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}
