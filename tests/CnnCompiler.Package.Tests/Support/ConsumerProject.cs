using System.Security.Cryptography;
using System.Text.Json;

namespace CnnCompiler.Package.Tests.Support;

/// <summary>
/// A fresh console project (`dotnet new console`) in a temp folder that takes CnnCompiler with one PackageReference
/// from the local feed. Its nuget.config adds the feed to the machine's sources and restores into a private packages
/// folder, so the machine's package cache never sees our package.
/// </summary>
public sealed class ConsumerProject
{
    private ConsumerProject(string directory, string packages)
    {
        Folder = directory;
        Packages = packages;
    }

    public string Folder { get; }

    /// <summary>The private NuGet packages folder the consumer restores into.</summary>
    public string Packages { get; }

    public static (ConsumerProject Project, DotNet.Result New) Create(PackedPackage package, string name)
    {
        string directory = Path.Combine(package.Root, name);
        string packages = Path.Combine(package.Root, "packages-" + name);
        DotNet.Result created = DotNet.Run(package.Root, "new", "console", "-o", directory, "-n", name, "--framework", "net10.0", "--no-restore");
        if (created.ExitCode != 0) throw new InvalidOperationException("dotnet new console failed: " + created);

        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <packageSources>
                <add key="cnncompiler-local" value="{package.Feed}" />
              </packageSources>
            </configuration>
            """);
        string csproj = Path.Combine(directory, name + ".csproj");
        string text = File.ReadAllText(csproj);
        File.WriteAllText(csproj, text.Replace("</Project>", $"""
              <ItemGroup>
                <PackageReference Include="CnnCompiler" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """));
        return (new ConsumerProject(directory, packages), created);
    }

    public void WriteProgram(string source) => File.WriteAllText(Path.Combine(Folder, "Program.cs"), source);

    public DotNet.Result Run(params string[] arguments) => DotNet.Run(Folder, arguments);

    /// <summary>obj/project.assets.json after a restore.</summary>
    public JsonDocument Assets() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "obj", "project.assets.json")));

    /// <summary>The SHA-512 that NuGet records for a package file (base64).</summary>
    public static string Sha512(string path) => Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(path)));
}
