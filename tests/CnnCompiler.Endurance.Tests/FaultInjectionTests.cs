namespace CnnCompiler.Endurance.Tests;

/// <summary>
/// kill -9 during training, five times, each followed by a restart that resumes from the latest checkpoint: the final
/// weights equal those of an uninterrupted run bit for bit, every checkpoint left behind loads in full, and the
/// temporary files of interrupted writes are seen, reported and never resumed from.
/// (Long version: `CnnCompiler.Endurance fault-injection --runs 50`.)
/// </summary>
public class FaultInjectionTests(ITestOutputHelper output)
{
    [Fact]
    public void Killed_and_resumed_training_ends_with_the_weights_of_an_uninterrupted_run()
    {
        string work = Path.Combine(Path.GetTempPath(), "cnncompiler-fault-injection-test-" + Guid.NewGuid().ToString("N"));
        var log = new StringWriter();
        try
        {
            FaultInjectionReport report = FaultInjection.Run(new FaultInjectionSettings
            {
                Runs = 5,
                Train = new TrainSettings { Directory = ".", Epochs = 3, Samples = 600, Batch = 50 },
                WorkDirectory = work,
                Seed = 3,
                OnWriteFraction = 0.6,
                MaxWriteDelayMicroseconds = 1500,
                ChildTimeout = TimeSpan.FromMinutes(3),
                Log = log,
            });
            output.WriteLine(log.ToString());
            output.WriteLine(report.ResultLine());

            Assert.True(report.Passed, string.Join("\n", report.Failures) + "\n" + report.ResultLine());
            Assert.Equal(5, report.Kills);
            Assert.True(report.Sessions >= 1 && report.SessionsIdentical == report.Sessions, report.ResultLine());
            Assert.True(report.Resumes >= 1, "at least one start resumed from a checkpoint: " + report.ResultLine());
            Assert.True(report.KillsDuringWrite >= 1, "at least one kill landed while a checkpoint was being written: " + report.ResultLine());
            Assert.True(report.CheckpointsValidated >= 1, report.ResultLine());
            Assert.Equal(0, report.CorruptCheckpoints);
            Assert.Equal(0, report.CorruptCheckpointsSeenByChild);
            Assert.True(report.StaleTempFilesSeenByChild >= report.HalfWrittenTempFiles + report.CompleteUnrenamedTempFiles,
                "every temporary file a kill left was seen (and not resumed from) by the next start: " + report.ResultLine());
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }
}
