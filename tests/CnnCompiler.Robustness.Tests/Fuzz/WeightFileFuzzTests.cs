using Xunit.Abstractions;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>
/// Seeded mutants of a weight file SaveWeights wrote (TinyBatchNormNet after two steps: F32 weights, BatchNorm
/// statistics, an I64 count). For every mutant LoadWeights either throws the documented <see cref="InvalidDataException"/>
/// naming the file, leaving the network bitwise as it was, or loads exactly what the pristine file loads; within
/// <see cref="FuzzSettings.MaxPerMutant"/> and allocating at most <see cref="AllocationBound"/>.
/// </summary>
public sealed class WeightFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// The stated bound: 8 bytes per byte of the mutant file (its header and data once, the header's strings twice as
    /// UTF-16, the parsed entries) plus 256 KB (the read buffer, the staged copies of this small network, the message).
    /// The 100 MB header of the issue allocated 24 bytes per header byte.
    /// </summary>
    private static long AllocationBound(Mutant mutant) => 8L * mutant.Bytes.Length + (256 << 10);

    [Fact]
    public void Every_mutant_is_refused_with_the_file_named_and_nothing_changed_or_loads_as_the_pristine_file()
    {
        var source = new TinyBatchNormNet(5);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        for (int i = 0; i < 2; i++) source.TrainStep(Samples.Inputs(4, TinyBatchNormNet.InputLength, (ulong)i), [0, 1, 2, 0], optimizer);
        string pristinePath = _temp.File("pristine.safetensors");
        source.SaveWeights(pristinePath);
        byte[] pristine = File.ReadAllBytes(pristinePath);

        var target = new TinyBatchNormNet(1);
        float[] initialParameters = target.Parameters.ToArray(), initialState = target.State.ToArray();
        target.LoadWeights(pristinePath);
        float[] loadedParameters = target.Parameters.ToArray(), loadedState = target.State.ToArray();
        Bits.Equal(source.Parameters, loadedParameters);

        string path = _temp.File("mutant.safetensors");
        var mutations = new SafeTensorsMutations(pristine);
        var runner = new MutantRunner("LoadWeights", output);
        runner.Run(FuzzSettings.Mutants, FuzzSettings.Seed, mutations.Next, mutant =>
        {
            File.WriteAllBytes(path, mutant.Bytes);
            initialParameters.CopyTo(target.Parameters);
            initialState.CopyTo(target.State);
            var before = new NetworkSnapshot(target);
            WeightLoadReport? report = null;
            var attempt = Attempt.Of(() => report = target.LoadWeights(path));
            if (attempt.Error is not null)
            {
                attempt.AssertRefused(path, AllocationBound(mutant), typeof(InvalidDataException));
                before.AssertUnchanged();
                return ("refused", attempt);
            }
            attempt.AssertBounded(AllocationBound(mutant));
            Assert.True(report!.IsExactMatch, $"loaded with differences: {report}");
            Bits.Equal(loadedParameters, target.Parameters);
            Bits.Equal(loadedState, target.State);
            return ("read as the pristine file", attempt);
        });
        Assert.True(runner.Count("refused") > FuzzSettings.Mutants / 2);
        Assert.True(runner.Count("read as the pristine file") > 0, "no mutant was harmless: the fuzzer is not trying the edits that must keep loading");
    }
}
