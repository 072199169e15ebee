using Xunit.Abstractions;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>
/// Seeded mutants of a checkpoint Trainer.Fit wrote (TinyBatchNormNet after two epochs: Adam with amsgrad, early
/// stopping with best weights, the history). For every mutant: <see cref="Checkpoint.Load"/> either throws a documented
/// exception naming the file with the network and the optimizer bitwise as they were, or restores exactly what the
/// pristine checkpoint restores; <see cref="Checkpoint.Validate"/> passes only if the load does; with the pristine
/// checkpoint as epoch 1 and the mutant as epoch 2, <see cref="Checkpoint.FindLatest"/> returns the mutant exactly when
/// it validates; and <see cref="Trainer.Fit"/> resuming from it either refuses, changing nothing (not even
/// <see cref="INetwork.Threads"/> or the checkpoint folder), or ends as the pristine resume does.
/// </summary>
public sealed class CheckpointFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>As for weight files (8 bytes per file byte and 256 KB), plus the optimizer's staged state of this network.</summary>
    private static long AllocationBound(Mutant mutant) => 8L * mutant.Bytes.Length + (256 << 10);

    private static readonly Dataset Train = Samples.Tiny(24);
    private static readonly Dataset Validation = Samples.Tiny(8, seed: 2);

    private static TrainingOptions Options(Adam optimizer, int epochs) => new()
    {
        Optimizer = optimizer, Epochs = epochs, BatchSize = 8, Threads = 1, Progress = TrainingProgress.None, Seed = 3,
        Validation = Validation, EarlyStopping = new EarlyStopping { Patience = 10, RestoreBestWeights = true },
    };

    [Fact]
    public void Every_mutant_is_refused_with_nothing_changed_or_restores_the_pristine_state()
    {
        string folder = _temp.File("run");
        Trainer.Fit(new TinyBatchNormNet(5), Train, Options(new Adam(0.01f, amsGrad: true), 2) with { CheckpointDirectory = folder });
        string pristinePath = Checkpoint.FindLatest(folder)!;
        byte[] pristine = File.ReadAllBytes(pristinePath);

        var target = new TinyBatchNormNet(1) { Threads = 1 };
        var optimizer = new Adam(0.01f, amsGrad: true);
        float[] initialParameters = target.Parameters.ToArray(), initialState = target.State.ToArray();
        var initialRandom = target.TrainingRandom.State;
        OptimizerState initialOptimizer = optimizer.GetState();
        void Reset()
        {
            initialParameters.CopyTo(target.Parameters);
            initialState.CopyTo(target.State);
            target.TrainingRandom.State = initialRandom;
            target.Threads = 1;
            optimizer.SetState(initialOptimizer);
            optimizer.LearningRate = 0.01f;
        }
        TrainingCheckpoint expected = Checkpoint.Load(pristinePath, target, optimizer);
        var restored = (Parameters: target.Parameters.ToArray(), State: target.State.ToArray(), Random: target.TrainingRandom.State, Optimizer: new OptimizerSnapshot(optimizer));
        string expectedHistory = Trainer.Fit(target, Train, Options(optimizer, 2) with { ResumeFrom = pristinePath }).ToJson();
        Reset();

        string candidates = _temp.File("candidates");
        Directory.CreateDirectory(candidates);
        File.Copy(pristinePath, Path.Combine(candidates, Checkpoint.FileName(1)));
        string path = Path.Combine(candidates, Checkpoint.FileName(2));
        string unused = _temp.File("never-created");
        var runner = new MutantRunner("Checkpoint.Load", output);
        var mutations = new SafeTensorsMutations(pristine);
        runner.Run(FuzzSettings.Mutants, FuzzSettings.Seed + 1, mutations.Next, mutant =>
        {
            File.WriteAllBytes(path, mutant.Bytes);
            Reset();
            var network = new NetworkSnapshot(target);
            var state = new OptimizerSnapshot(optimizer);
            TrainingCheckpoint? loaded = null;
            var attempt = Attempt.Of(() => loaded = Checkpoint.Load(path, target, optimizer));
            bool valid = Attempt.Of(() => Checkpoint.Validate(path)).Error is null;
            string? latest = null;
            Assert.Null(Attempt.Of(() => latest = Checkpoint.FindLatest(candidates)).Error);
            Assert.Equal(valid ? path : Path.Combine(candidates, Checkpoint.FileName(1)), latest);
            if (attempt.Error is not null)
            {
                attempt.AssertRefused(path, AllocationBound(mutant), typeof(InvalidDataException), typeof(ArgumentException));
                // The checksum covers everything Load reads, so a file that validates holds what the pristine one holds.
                Assert.False(valid, $"Validate passed a file Load refuses: {attempt.Error.Message}");
                network.AssertUnchanged();
                state.AssertUnchanged();

                // Resuming from it is refused the same way, before anything changes.
                target.Threads = 2;
                var resumed = Attempt.Of(() => Trainer.Fit(target, Train, Options(optimizer, 2) with { ResumeFrom = path, CheckpointDirectory = unused }));
                Assert.NotNull(resumed.Error);
                Assert.Equal(attempt.Error.GetType(), resumed.Error!.GetType());
                network.AssertUnchanged();
                state.AssertUnchanged();
                Assert.Equal(2, target.Threads);
                Assert.False(Directory.Exists(unused));
                return ("refused", attempt);
            }
            attempt.AssertBounded(AllocationBound(mutant));
            Assert.True(valid);
            Bits.Equal(restored.Parameters, target.Parameters);
            Bits.Equal(restored.State, target.State);
            Assert.Equal(restored.Random, target.TrainingRandom.State);
            restored.Optimizer.AssertUnchanged();
            Assert.Equal(expected.Epoch, loaded!.Epoch);
            Assert.Equal(expected.GlobalStep, loaded.GlobalStep);
            Assert.Equal(expected.ShuffleRandom, loaded.ShuffleRandom);
            Assert.Equal(expected.AugmentationRandom, loaded.AugmentationRandom);
            Assert.Equal(expected.History.ToJson(), loaded.History.ToJson());
            Assert.Equal(expected.EarlyStopping!.Best, loaded.EarlyStopping!.Best);
            Assert.Equal(expected.EarlyStopping.BestEpoch, loaded.EarlyStopping.BestEpoch);
            Bits.Equal(expected.EarlyStopping.BestParameters!, loaded.EarlyStopping.BestParameters!);
            Bits.Equal(expected.EarlyStopping.BestState!, loaded.EarlyStopping.BestState!);
            Reset();
            Assert.Equal(expectedHistory, Trainer.Fit(target, Train, Options(optimizer, 2) with { ResumeFrom = path }).ToJson());
            return ("read as the pristine file", attempt);
        });
        Assert.True(runner.Count("refused") > FuzzSettings.Mutants / 2);
        Assert.True(runner.Count("read as the pristine file") > 0);
    }
}
