namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows C1–C14 of docs/bad-input.md: Checkpoint.Save, Checkpoint.Load and Checkpoint.FindLatest with bad arguments and bad files.</summary>
public class CheckpointTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _good;

    public CheckpointTests()
    {
        _good = _temp.File(Checkpoint.FileName(1));
        var (net, optimizer) = Trained<TinyNet>(new TinyNet(7));
        Checkpoint.Save(_good, net, optimizer, State(1));
    }

    public void Dispose() => _temp.Dispose();

    private static (T, Sgd) Trained<T>(T net) where T : IClassifier
    {
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        for (int i = 0; i < 2; i++) net.TrainStep(Samples.Inputs(4, net.InputLength, (ulong)i), [0, 1, 2, 0], optimizer);
        return (net, optimizer);
    }

    // Epoch 0: the history (which must hold one entry per epoch) can only be empty outside Trainer.Fit.
    private static TrainingCheckpoint State(int globalStep) => new(0, globalStep, (1, 2, 3, 4), (5, 6, 7, 8), new TrainingHistory(), null);

    /// <summary>A fresh network and optimizer that have taken one step of their own, so that any change shows.</summary>
    private static (TinyNet Net, Sgd Optimizer, NetworkSnapshot Network, OptimizerSnapshot State) Target()
    {
        var net = new TinyNet(1);
        var optimizer = new Sgd(0.01f, momentum: 0.9f);
        net.TrainStep(Samples.Inputs(2, TinyNet.InputLength, 9), [1, 2], optimizer);
        return (net, optimizer, new NetworkSnapshot(net), new OptimizerSnapshot(optimizer));
    }

    private static void AssertRefused<T>(string path, params object[] named) where T : Exception
    {
        var (net, optimizer, network, state) = Target();
        var error = Assert.Throws<T>(() => Checkpoint.Load(path, net, optimizer));
        Messages.Names(error, [path, .. named]);
        network.AssertUnchanged();
        state.AssertUnchanged();
    }

    [Fact]
    public void C1_null_or_empty_arguments()
    {
        var (net, optimizer, network, state) = Target();
        Assert.Throws<ArgumentNullException>("path", () => Checkpoint.Load(null!, net, optimizer));
        Assert.Throws<ArgumentException>("path", () => Checkpoint.Load("", net, optimizer));
        Assert.Throws<ArgumentNullException>("network", () => Checkpoint.Load(_good, null!, optimizer));
        Assert.Throws<ArgumentNullException>("optimizer", () => Checkpoint.Load(_good, net, null!));
        Assert.Throws<ArgumentNullException>("state", () => Checkpoint.Save(_temp.File("c.safetensors"), net, optimizer, null!));
        Assert.Throws<ArgumentNullException>("optimizer", () => Checkpoint.Save(_temp.File("c.safetensors"), net, null!, State(1)));
        Assert.Throws<ArgumentNullException>("directory", () => Checkpoint.FindLatest(null!));
        network.AssertUnchanged();
        state.AssertUnchanged();
        Assert.Equal([Checkpoint.FileName(1)], _temp.Listing());
    }

    [Fact]
    public void C2_a_checkpoint_of_another_architecture()
    {
        string other = _temp.File("other.safetensors");
        var (net, optimizer) = Trained(new OtherNet(1));
        Checkpoint.Save(other, net, optimizer, State(1));
        AssertRefused<InvalidDataException>(other, "TinyNet", "conv1.weight", "head.weight", "nothing was loaded");
    }

    [Fact]
    public void C3_a_checkpoint_written_with_another_optimizer_type()
    {
        var net = new TinyNet(1);
        var adam = new Adam();
        var network = new NetworkSnapshot(net);
        var error = Assert.Throws<ArgumentException>("optimizer", () => Checkpoint.Load(_good, net, adam));
        Messages.Names(error, _good, "Sgd", "Adam");
        network.AssertUnchanged();
        Assert.Equal(0, adam.StepCount);
    }

    [Fact]
    public void C4_a_plain_weight_file_is_not_a_checkpoint()
    {
        string weights = _temp.File("weights.safetensors");
        new TinyNet(3).SaveWeights(weights);
        AssertRefused<InvalidDataException>(weights, "not a CnnCompiler checkpoint", "LoadWeights");
    }

    [Theory]
    [InlineData(7L)]
    [InlineData(-10L)]
    public void C5_a_truncated_checkpoint(long keep)
    {
        long length = new FileInfo(_good).Length;
        AssertRefused<InvalidDataException>(Files.Truncated(_good, keep >= 0 ? keep : length + keep, _temp.File("cut.safetensors")), "truncated");
    }

    [Fact]
    public void C6_a_corrupted_data_byte_fails_the_checksum() =>
        AssertRefused<InvalidDataException>(Files.Flipped(_good, -5, _temp.File("flipped.safetensors")), "SHA-256");

    [Theory]
    [InlineData("cnncompiler.learning_rate", "-0.5")]
    [InlineData("cnncompiler.learning_rate", "NaN")]
    [InlineData("cnncompiler.epoch", "one")]
    [InlineData("cnncompiler.optimizer_step", "-1")]
    [InlineData("cnncompiler.shuffle_rng", "0,0,0,0")]
    [InlineData("cnncompiler.history", "{\"epochs\": 3}")]
    public void C7_damaged_metadata_changes_nothing(string key, string value)
    {
        string path = Files.Rewritten(_good, _temp.File("edited.safetensors"), metadata: (k, v) => k == key ? value : v);
        AssertRefused<InvalidDataException>(path, key);
    }

    [Fact]
    public void C8_an_optimizer_buffer_of_the_wrong_length()
    {
        string path = Files.Rewritten(_good, _temp.File("short-buffer.safetensors"),
            tensor: (name, values) => name == Checkpoint.OptimizerPrefix + "momentum_buffer" ? values[..10] : values);
        AssertRefused<InvalidDataException>(path, "momentum_buffer", TinyNet.ParameterCount, "10");
    }

    [Fact]
    public void C9_saving_into_an_unwritable_folder_leaves_the_existing_file_untouched()
    {
        var (net, optimizer, _, _) = Target();
        var (folder, existing) = _temp.UnwritableWithFile();
        byte[] before = File.ReadAllBytes(existing);
        var error = Assert.ThrowsAny<IOException>(() => Checkpoint.Save(existing, net, optimizer, State(2)));
        Messages.Names(error, folder);
        Assert.Equal(before, File.ReadAllBytes(existing));
        Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        string missing = Path.Combine(_temp.Path, "no-such-folder", Checkpoint.FileName(2));
        Assert.Throws<DirectoryNotFoundException>(() => Checkpoint.Save(missing, net, optimizer, State(2)));
        Assert.Equal([Checkpoint.FileName(1)], _temp.Listing());
    }

    [Fact]
    public void C10_find_latest_passes_over_damaged_newer_checkpoints()
    {
        var (net, optimizer) = Trained(new TinyNet(7));
        string second = _temp.File(Checkpoint.FileName(2));
        Checkpoint.Save(second, net, optimizer, State(2));
        Assert.Equal(second, Checkpoint.FindLatest(_temp.Path));

        long length = new FileInfo(_good).Length;
        Files.Truncated(_good, length / 2, _temp.File(Checkpoint.FileName(4)));
        Files.Flipped(_good, -5, _temp.File(Checkpoint.FileName(3)));
        File.WriteAllText(_temp.File(Checkpoint.FileName(5)), "{}");
        Assert.Equal(second, Checkpoint.FindLatest(_temp.Path));
        Messages.Names(Assert.Throws<InvalidDataException>(() => Checkpoint.Validate(_temp.File(Checkpoint.FileName(4)))), _temp.File(Checkpoint.FileName(4)), "truncated");
        Messages.Names(Assert.Throws<InvalidDataException>(() => Checkpoint.Validate(_temp.File(Checkpoint.FileName(3)))), _temp.File(Checkpoint.FileName(3)), "SHA-256");
        AssertRefused<InvalidDataException>(_temp.File(Checkpoint.FileName(4)), "truncated");

        Files.Flipped(second, -5, second);
        Files.Truncated(_good, 7, _good);
        Assert.Null(Checkpoint.FindLatest(_temp.Path));
    }

    [Fact]
    public void C11_an_edited_metadata_value_or_swapped_buffer_names_fail_the_checksum()
    {
        // One hex digit of the saved shuffle generator: the run would resume "bit-exactly" on another data order.
        string rng = Files.HeaderEdited(_good, _temp.File("rng.safetensors"), header =>
        {
            const string Key = "\"cnncompiler.shuffle_rng\":\"";
            int at = header.IndexOf(Key, StringComparison.Ordinal) + Key.Length + 5;
            return header[..at] + (header[at] == '0' ? '1' : '0') + header[(at + 1)..];
        });
        AssertRefused<InvalidDataException>(rng, "SHA-256 of its header and data");

        string adamCheckpoint = _temp.File("adam.safetensors");
        var net = new TinyNet(7);
        var adam = new Adam();
        net.TrainStep(Samples.Inputs(4, TinyNet.InputLength, 1), [0, 1, 2, 0], adam);
        Checkpoint.Save(adamCheckpoint, net, adam, State(1));
        string swapped = Files.HeaderEdited(adamCheckpoint, _temp.File("swapped.safetensors"), header => header
            .Replace("optimizer.exp_avg_sq", "@").Replace("optimizer.exp_avg", "optimizer.exp_avg_sq").Replace("@", "optimizer.exp_avg"));
        var target = new TinyNet(1);
        var optimizer = new Adam();
        var network = new NetworkSnapshot(target);
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(swapped, target, optimizer));
        Messages.Names(error, swapped, "SHA-256 of its header and data");
        network.AssertUnchanged();
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void C12_find_latest_skips_a_newest_checkpoint_with_invalid_utf8_or_a_fifo()
    {
        string second = _temp.File(Checkpoint.FileName(2));
        File.Copy(_good, second);
        Files.HeaderEdited(_good, _temp.File(Checkpoint.FileName(3)), header =>
        {
            int at = header.AsSpan().IndexOf("conv1.weight"u8);
            header[at + 2] = 0xFF;
            return header;
        });
        SpecialFiles.Fifo(_temp.File(Checkpoint.FileName(4)));
        string? latest = null;
        Assert.Null(SpecialFiles.ThrownWithin10Seconds(() => latest = Checkpoint.FindLatest(_temp.Path)));
        Assert.Equal(second, latest);
        Messages.Names(Assert.Throws<InvalidDataException>(() => Checkpoint.Validate(_temp.File(Checkpoint.FileName(3)))), "not valid UTF-8");
        Messages.Names(Assert.IsType<InvalidDataException>(SpecialFiles.ThrownWithin10Seconds(() => Checkpoint.Validate(_temp.File(Checkpoint.FileName(4))))), "not a regular file");
    }

    [Theory]
    [InlineData("cnncompiler.optimizer_step", "9223372036854775807", "not an integer in 0…9007199254740992")]
    [InlineData("cnncompiler.global_step", "7", "the 2 epochs of the history took")]
    [InlineData("cnncompiler.learning_rate", "3.4E+38", "but the history's last epoch ran at 0.01")]
    public void C13_counters_out_of_range_or_inconsistent_with_the_history(string key, string value, string named)
    {
        // Re-signed: the checksum is right, the values are not (a writer's bug, or an edit by hand).
        string source = FittedCheckpoint(epochs: 2);
        string path = Files.Rewritten(source, _temp.File("counters.safetensors"),
            metadata: (k, v) => k == key ? value : k == "cnncompiler.schedule_step" && key == "cnncompiler.optimizer_step" ? value : v);
        AssertRefused<InvalidDataException>(path, key, named);
    }

    [Theory]
    [InlineData(float.NaN, "NaN at index 3")]
    [InlineData(float.PositiveInfinity, "Infinity at index 3")]
    [InlineData(-0.25f, "-0.25 at index 3")]
    public void C13_optimizer_buffers_that_are_not_finite_or_negative_second_moments(float bad, string named)
    {
        var net = new TinyNet(7);
        var adam = new Adam();
        net.TrainStep(Samples.Inputs(4, TinyNet.InputLength, 1), [0, 1, 2, 0], adam);
        string source = _temp.File("adam.safetensors");
        Checkpoint.Save(source, net, adam, State(1));
        string path = Files.Rewritten(source, _temp.File("bad-moment.safetensors"),
            tensor: (name, values) => name == "optimizer.exp_avg_sq" ? [.. values[..3], bad, .. values[4..]] : values);
        var target = new TinyNet(1);
        var optimizer = new Adam();
        var network = new NetworkSnapshot(target);
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, target, optimizer));
        Messages.Names(error, path, "exp_avg_sq", named);
        network.AssertUnchanged();
        Assert.Equal(0, optimizer.StepCount);
    }

    [Theory]
    [InlineData("cnncompiler.early_stopping", "{\"best\":0.5,\"best_epoch\":7,\"wait\":0}", "best_epoch 7, outside 0…2")]
    [InlineData("cnncompiler.early_stopping", "{\"best\":\"Infinity\",\"best_epoch\":0,\"wait\":3}", "wait 3")]
    [InlineData("cnncompiler.early_stopping", "{\"best\":0.3,\"best_epoch\":2,\"wait\":0}", "neither the validation loss nor the accuracy of epoch 2")]
    [InlineData("cnncompiler.early_stopping", "EPOCH1", "best_epoch 1 but the history's is 2")]
    [InlineData("cnncompiler.history", "SWAP", "entry 1 is epoch 2")]
    public void C14_early_stopping_fields_out_of_range_or_history_epochs_out_of_order(string key, string value, string named)
    {
        string source = FittedCheckpoint(epochs: 2);
        // EPOCH1: a consistent record of epoch 1 as the best, in a checkpoint whose history names epoch 2.
        double epoch1Loss = TrainingHistory.FromJson(SafeTensors.Read(source).Metadata["cnncompiler.history"]).Epochs[0].ValidationLoss!.Value;
        string path = Files.Rewritten(source, _temp.File("stopping.safetensors"), metadata: (k, v) => k != key ? v : value switch
        {
            "SWAP" => v.Replace("\"epoch\":1,", "\"epoch\":@,").Replace("\"epoch\":2,", "\"epoch\":1,").Replace("\"epoch\":@,", "\"epoch\":2,"),
            "EPOCH1" => $"{{\"best\":{epoch1Loss.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},\"best_epoch\":1,\"wait\":1}}",
            _ => value,
        });
        AssertRefused<InvalidDataException>(path, key, named);
    }

    /// <summary>A checkpoint Trainer.Fit wrote after <paramref name="epochs"/> epochs of TinyNet with validation and early stopping.</summary>
    private string FittedCheckpoint(int epochs)
    {
        string folder = _temp.File("fitted");
        Trainer.Fit(new TinyNet(5), Samples.Tiny(24), new TrainingOptions
        {
            Optimizer = new Sgd(0.01f, momentum: 0.9f), Epochs = epochs, BatchSize = 8, Threads = 1, Progress = TrainingProgress.None,
            Validation = Samples.Tiny(8, seed: 2), EarlyStopping = new EarlyStopping { Patience = 10 }, CheckpointDirectory = folder,
        });
        return Checkpoint.FindLatest(folder)!;
    }
}
