using System.Security.Cryptography;
using System.Text.Json;

namespace CnnCompiler.Package.Tests.Support;

/// <summary>
/// A fresh console project (`dotnet new console`) in a temp folder that takes the packages from the local feed as the
/// README says: a nuget.config beside it adds the feed to the machine's sources, then `dotnet add package`. The same
/// nuget.config restores into a private packages folder, so the machine's package cache never sees our packages.
/// </summary>
public sealed class ConsumerProject
{
    private ConsumerProject(string directory, string name, string packages)
    {
        Folder = directory;
        Name = name;
        Packages = packages;
    }

    public string Folder { get; }

    public string Name { get; }

    public string ProjectFile => Path.Combine(Folder, Name + ".csproj");

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
                <add key="cnncompiler" value="{package.Feed}" />
              </packageSources>
            </configuration>
            """);
        return (new ConsumerProject(directory, name, packages), created);
    }

    /// <summary>`dotnet add package ID`: the newest version in the sources, written into the project, and a restore.</summary>
    public DotNet.Result AddPackage(string id) => Run("add", "package", id);

    /// <summary>Adds MSBuild XML (property groups, item groups) at the end of the project file.</summary>
    public void AddToProject(string xml)
    {
        string text = File.ReadAllText(ProjectFile);
        int end = text.LastIndexOf("</Project>", StringComparison.Ordinal);
        File.WriteAllText(ProjectFile, text[..end] + xml + "\n</Project>\n");
    }

    public void WriteProgram(string source) => File.WriteAllText(Path.Combine(Folder, "Program.cs"), source);

    public DotNet.Result Run(params string[] arguments) => DotNet.Run(Folder, arguments);

    /// <summary>obj/project.assets.json after a restore.</summary>
    public JsonDocument Assets() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "obj", "project.assets.json")));

    /// <summary>The SHA-512 that NuGet records for a package file (base64).</summary>
    public static string Sha512(string path) => Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(path)));
}
