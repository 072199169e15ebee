namespace CnnCompiler.Numerics.Tests.Support;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class Repository
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding CnnCompiler.sln, found by walking up from the test assembly's folder.</summary>
    public static string Root => s_root.Value;

    public static string FashionMnistSubset => Path.Combine(Root, "data", "fashion-mnist-subset");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CnnCompiler.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains CnnCompiler.sln.");
    }
}
