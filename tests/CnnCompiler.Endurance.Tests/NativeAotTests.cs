using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace CnnCompiler.Endurance.Tests;

/// <summary>
/// samples/AotInference under NativeAOT prints what the JIT build prints: losses, weight, output and label hashes,
/// and hardware-accelerated Vector512/Vector256 where the machine has them. Builds and publishes into a temp folder
/// (its own artifacts path, so nothing in the work tree changes). Opt-in with CNN_AOT_TEST=1: the NativeAOT publish
/// takes about a minute on two cores.
/// </summary>
public class NativeAotTests(ITestOutputHelper output)
{
    private static bool Enabled => Environment.GetEnvironmentVariable("CNN_AOT_TEST") == "1";

    [Fact]
    public void The_NativeAOT_build_of_the_sample_prints_what_the_JIT_build_prints()
    {
        if (!Enabled)
        {
            output.WriteLine("CNN_AOT_TEST is not 1: the NativeAOT publish and comparison were not run.");
            return;
        }
        string root = RepositoryRoot();
        string project = Path.Combine(root, "samples", "AotInference", "AotInference.csproj");
        string temp = Path.Combine(Path.GetTempPath(), "cnncompiler-aot-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (publish, publishTime) = Run("dotnet", root, "publish", project, "-c", "Release", "-r", "linux-x64",
                "--artifacts-path", Path.Combine(temp, "aot"), "-nodeReuse:false");
            output.WriteLine($"dotnet publish (NativeAOT): {publishTime.TotalSeconds:F1} s");
            Assert.True(publish.ExitCode == 0, publish.Output);
            Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
            string binary = Directory.GetFiles(Path.Combine(temp, "aot", "publish"), "AotInference", SearchOption.AllDirectories).Single();

            var (build, buildTime) = Run("dotnet", root, "build", project, "-c", "Release", "--artifacts-path", Path.Combine(temp, "jit"), "-nodeReuse:false");
            output.WriteLine($"dotnet build (JIT): {buildTime.TotalSeconds:F1} s");
            Assert.True(build.ExitCode == 0, build.Output);
            string dll = Directory.GetFiles(Path.Combine(temp, "jit", "bin"), "AotInference.dll", SearchOption.AllDirectories).Single();

            string data = Path.Combine(root, "data", "fashion-mnist-subset");
            var (aot, aotTime) = Run(binary, root, "--data", data);
            var (jit, jitTime) = Run("dotnet", root, dll, "--data", data);
            output.WriteLine($"NativeAOT run ({aotTime.TotalSeconds:F2} s):\n{aot.Output}\nJIT run ({jitTime.TotalSeconds:F2} s):\n{jit.Output}");
            Assert.Equal(0, aot.ExitCode);
            Assert.Equal(0, jit.ExitCode);
            Assert.Contains("mode: NativeAOT", aot.Output);
            Assert.Contains("mode: JIT", jit.Output);
            Assert.Equal(Compared(jit.Output), Compared(aot.Output));
            Assert.Contains($"Vector512.IsHardwareAccelerated={Vector512.IsHardwareAccelerated} Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated}", aot.Output);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static string[] Compared(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("mode", StringComparison.Ordinal) && !l.StartsWith("time", StringComparison.Ordinal))
            .ToArray();

    private static ((int ExitCode, string Output) Result, TimeSpan Elapsed) Run(string file, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // A clean CLI: the test host may carry MSBuild settings of the `dotnet test` that started it.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return ((process.ExitCode, text + error.Result), clock.Elapsed);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CnnCompiler.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No CnnCompiler.sln above {AppContext.BaseDirectory}.");
    }
}
