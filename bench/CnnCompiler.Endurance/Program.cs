using System.Globalization;
using CnnCompiler.Endurance;

// Endurance harness (issue 9). Commands:
//   train --dir D [--epochs 8] [--checkpoint-every 1] [--seed 7] [--samples 2000] [--batch 50] [--threads 1] [--net small|lenet5] [--data DIR]
//   fault-injection [--runs 50] [--work DIR] [--harness-seed 1] [--on-write-percent 50] [train options except --dir]
//   soak [--epochs 30] [--warmup 1] [--net lenet5|small] [--samples 10000] [--batch 64] [--threads 1] [--seed 42] [--data DIR] [--runtime-noise BYTES]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: CnnCompiler.Endurance train|fault-injection|soak [--option value]... (see bench/README.md)");
    return args.Length == 0 ? 2 : 0;
}
try
{
    var options = new Arguments(args.AsSpan(1));
    switch (args[0])
    {
        case "train":
        {
            TrainSettings settings = TrainSettings.Parse(options);
            options.RejectUnknown();
            return TrainCommand.Run(settings, Console.Out);
        }
        case "fault-injection":
        {
            int runs = options.Int("runs", 50, min: 1);
            string work = options.String("work") ?? Path.Combine(Path.GetTempPath(), "cnncompiler-fault-injection");
            int harnessSeed = options.Int("harness-seed", 1);
            int onWrite = options.Int("on-write-percent", 50);
            var train = new TrainSettings
            {
                Directory = ".",
                Epochs = options.Int("epochs", 8, min: 1),
                CheckpointEvery = options.Int("checkpoint-every", 1, min: 1),
                Seed = options.Int("seed", 7),
                Samples = options.Int("samples", 2000, min: 20),
                Batch = options.Int("batch", 50, min: 1),
                Threads = options.Int("threads", 1, min: 1),
                Net = options.String("net", "small"),
                Data = options.String("data"),
            };
            options.RejectUnknown();
            Console.WriteLine($"fault injection: {runs} kills; work directory {work}; training: {string.Join(' ', train.ToArguments().Skip(3))}");
            FaultInjectionReport report = FaultInjection.Run(new FaultInjectionSettings
            {
                Runs = runs, Train = train, WorkDirectory = work, Seed = harnessSeed, OnWriteFraction = onWrite / 100.0, Log = Console.Out,
            });
            foreach (string failure in report.Failures) Console.WriteLine("FAIL " + failure);
            Console.WriteLine(report.ResultLine());
            return report.Passed ? 0 : 1;
        }
        case "soak":
        {
            var settings = new SoakSettings
            {
                Epochs = options.Int("epochs", 30, min: 2),
                WarmupEpochs = options.Int("warmup", 1, min: 1),
                Net = options.String("net", "lenet5"),
                Samples = options.Int("samples", 10_000, min: 1),
                Batch = options.Int("batch", 64, min: 1),
                Threads = options.Int("threads", 1, min: 1),
                Seed = options.Int("seed", 42),
                Data = options.String("data"),
                RuntimeNoiseBytes = options.Int("runtime-noise", 0, min: 0),
            };
            options.RejectUnknown();
            if (settings.WarmupEpochs >= settings.Epochs) throw new ArgumentException("--warmup must be smaller than --epochs.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak: {settings.Net}, {settings.Epochs} epochs of {settings.Samples} images, batch {settings.Batch}, {settings.Threads} thread(s), seed {settings.Seed}, warm-up {settings.WarmupEpochs} epoch(s){(settings.RuntimeNoiseBytes > 0 ? $", runtime noise {settings.RuntimeNoiseBytes} B per measured epoch" : "")}; server GC {System.Runtime.GCSettings.IsServerGC}"));
            SoakReport report = Soak.Run(settings, Console.Out);
            Console.WriteLine();
            Console.Write(report.Table());
            Console.WriteLine();
            Console.WriteLine(report.Verdict());
            Console.WriteLine(report.ResultLine());
            return report.Passed ? 0 : 1;
        }
        default:
            Console.Error.WriteLine($"Unknown command '{args[0]}'; expected train, fault-injection or soak.");
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
