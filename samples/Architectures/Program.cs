using System.Diagnostics;
using CnnCompiler.Samples.Architectures;

// Trains each selected network on its generated data: prints its summary and parameter count, then the mean training
// loss and held-out accuracy of every epoch.
//   dotnet run -c Release --project samples/Architectures -- [name|all] [--steps N] [--epochs N] [--threads N] [--seed N] [--lr X]
Options options;
IReadOnlyList<ArchitectureSample> samples;
try
{
    options = Options.Parse(args);
    samples = ArchitectureCatalog.Select(options.Selection);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

var total = Stopwatch.StartNew();
foreach (ArchitectureSample sample in samples)
    SampleRunner.Run(sample, options);
Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:F1} s.");
return 0;
