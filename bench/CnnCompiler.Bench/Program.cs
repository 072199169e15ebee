using CnnCompiler.Bench;

// The CnnCompiler benchmark harness: LeNet-5 training and inference figures as RESULT lines (see bench/README.md).
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (UsageException e)
{
    if (e.Message != "usage") Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return e.Message == "usage" && args.Length > 0 ? 0 : 2;
}

string[] commands = options.Command == "all" ? ["lenet-train", "lenet-infer-b1", "lenet-infer-b64", "alloc"] : [options.Command];
string[] cifar = ["vgg-forward", "vgg-train", "resnet20-forward", "resnet20-train", "profile-lenet", "profile-vgg", "profile-resnet20"];
if (options.Command == "cifar") commands = cifar[..4];
if (commands.Any(c => c is not ("lenet-train" or "lenet-infer-b1" or "lenet-infer-b64" or "alloc" or "concurrent") && !cifar.Contains(c)))
{
    Console.Error.WriteLine($"Unknown command '{options.Command}'.");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (commands.All(cifar.Contains))
{
    var networks = new CifarBenchmarks(options);
    foreach (string command in commands)
    {
        string model = command[..command.IndexOf('-')];
        if (model == "profile") networks.Profile(command["profile-".Length..]);
        else if (command.EndsWith("-train", StringComparison.Ordinal)) networks.Train(model);
        else networks.Forward(model);
    }
    return 0;
}

var benchmarks = new LeNetBenchmarks(options);
int exitCode = 0;
foreach (string command in commands)
{
    switch (command)
    {
        case "lenet-train": benchmarks.Train(); break;
        case "lenet-infer-b1": benchmarks.InferBatch1(); break;
        case "lenet-infer-b64": benchmarks.InferBatch64(); break;
        case "alloc": if (!benchmarks.Allocations()) exitCode = 1; break;
        case "concurrent": if (!benchmarks.Concurrent()) exitCode = 1; break;
    }
}
return exitCode;
