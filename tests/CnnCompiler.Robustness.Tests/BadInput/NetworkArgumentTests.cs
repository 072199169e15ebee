namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>
/// Rows N1–N19 of docs/bad-input.md: the generated members refuse wrong lengths, labels and names with an
/// ArgumentException family error naming the parameter and the numbers, before touching anything.
/// </summary>
public class NetworkArgumentTests
{
    private const int In = TinyNet.InputLength;   // 64
    private const int Out = TinyNet.OutputLength; // 3

    [Fact]
    public void N1_constructor_accepts_every_seed_and_is_deterministic()
    {
        foreach (int seed in new[] { int.MinValue, -1, 0, int.MaxValue })
        {
            var a = new TinyNet(seed);
            var b = new TinyNet(seed);
            Bits.Equal(a.Parameters, b.Parameters);
            Assert.All(a.Parameters.ToArray(), v => Assert.True(float.IsFinite(v)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(2 * In + 1)]
    public void N2_predict_inputs_that_are_not_whole_samples(int length)
    {
        var net = new TinyNet(1);
        var outputs = Filled(Out, 7f);
        var error = Assert.Throws<ArgumentException>("inputs", () => net.Predict(new float[length], outputs));
        Messages.Names(error, "TinyNet", In, length);
        Assert.All(outputs, v => Assert.Equal(7f, v));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    public void N3_predict_outputs_of_the_wrong_length(int length)
    {
        var net = new TinyNet(1);
        var outputs = Filled(length, 7f);
        var error = Assert.Throws<ArgumentException>("outputs", () => net.Predict(new float[2 * In], outputs));
        Messages.Names(error, 2 * Out, length);
        Assert.All(outputs, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void N4_classify_one_sample_of_the_wrong_length()
    {
        var net = new TinyNet(1);
        var error = Assert.Throws<ArgumentException>("input", () => net.Classify(new float[2 * In]));
        Messages.Names(error, In, 2 * In);
    }

    [Fact]
    public void N5_classify_batch_with_a_label_span_of_the_wrong_length()
    {
        var net = new TinyNet(1);
        int[] labels = [-5, -5];
        var error = Assert.Throws<ArgumentException>("labels", () => net.Classify(new float[3 * In], labels));
        Messages.Names(error, 3, 2);
        Assert.Equal([-5, -5], labels);
        Assert.Throws<ArgumentException>("inputs", () => net.Classify(new float[In + 1], new int[1]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void N6_labels_out_of_range_in_every_labelled_member(int label)
    {
        var net = new TinyNet(1);
        var optimizer = new Sgd(0.1f, momentum: 0.9f);
        net.TrainStep(Samples.Inputs(2, In, 1), [0, 1], optimizer); // a filled momentum buffer to keep
        var network = new NetworkSnapshot(net);
        var state = new OptimizerSnapshot(optimizer);
        var inputs = Samples.Inputs(3, In, 2);
        int[] labels = [0, label, 2];
        foreach (Action call in new Action[]
        {
            () => net.ComputeLoss(inputs, labels),
            () => net.ComputeGradients(inputs, labels),
            () => net.ComputeGradients(inputs, labels, new float[inputs.Length]),
            () => net.TrainStep(inputs, labels, optimizer),
        })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>("labels", call);
            Assert.Equal(label, error.ActualValue);
            Messages.Names(error, "label 1", label, Out - 1);
        }
        network.AssertUnchanged();
        state.AssertUnchanged();
    }

    [Fact]
    public void N7_label_count_that_does_not_match_the_samples()
    {
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        var optimizer = new Sgd(0.1f);
        var inputs = new float[3 * In];
        int[] labels = [0, 1];
        foreach (Action call in new Action[]
        {
            () => net.ComputeLoss(inputs, labels),
            () => net.ComputeGradients(inputs, labels),
            () => net.TrainStep(inputs, labels, optimizer),
        })
        {
            Messages.Names(Assert.Throws<ArgumentException>("labels", call), 3, 2);
        }
        network.AssertUnchanged();
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void N8_input_gradient_span_of_the_wrong_length()
    {
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        var inputGradients = Filled(In, 7f);
        var error = Assert.Throws<ArgumentException>("inputGradients", () => net.ComputeGradients(new float[2 * In], [0, 1], inputGradients));
        Messages.Names(error, 2 * In, In);
        network.AssertUnchanged();
        Assert.All(inputGradients, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void N9_train_step_without_an_optimizer()
    {
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        Assert.Throws<ArgumentNullException>("optimizer", () => net.TrainStep(new float[In], [0], null!));
        network.AssertUnchanged();
    }

    [Fact]
    public void N10_train_step_with_an_optimizer_sized_for_another_network()
    {
        var optimizer = new Sgd(0.1f, momentum: 0.9f);
        new OtherNet(1).TrainStep(Samples.Inputs(2, In, 1), [0, 1], optimizer);
        var state = new OptimizerSnapshot(optimizer);
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        var error = Assert.Throws<ArgumentException>("parameters", () => net.TrainStep(Samples.Inputs(2, In, 2), [0, 1], optimizer));
        Messages.Names(error, OtherNet.ParameterCount, TinyNet.ParameterCount);
        network.AssertWeightsUnchanged();
        state.AssertUnchanged();
        // The failed step released the training guard: inference and training work again.
        net.Predict(new float[In], new float[Out]);
        net.TrainStep(Samples.Inputs(2, In, 2), [0, 1], new Sgd(0.1f));
    }

    [Fact]
    public void N11_regressor_targets_of_the_wrong_length()
    {
        var net = new TinyRegressor(1);
        var network = new NetworkSnapshot(net);
        var optimizer = new Sgd(0.1f);
        var inputs = new float[3 * TinyRegressor.InputLength];
        var targets = new float[3 * TinyRegressor.OutputLength - 1];
        foreach (Action call in new Action[]
        {
            () => net.ComputeLoss(inputs, targets),
            () => net.ComputeGradients(inputs, targets),
            () => net.TrainStep(inputs, targets, optimizer),
        })
        {
            Messages.Names(Assert.Throws<ArgumentException>("targets", call), 3 * TinyRegressor.OutputLength, targets.Length);
        }
        network.AssertUnchanged();
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void N12_compute_activations_with_an_unknown_layer_a_null_name_or_wrong_lengths()
    {
        var net = new TinyNet(1);
        var activations = Filled(4 * 6 * 6, 7f);
        Messages.Names(Assert.Throws<ArgumentException>("layer", () => net.ComputeActivations("conv9", new float[In], activations)), "conv9");
        Assert.Throws<ArgumentNullException>("layer", () => net.ComputeActivations(null!, new float[In], activations));
        Messages.Names(Assert.Throws<ArgumentException>("input", () => net.ComputeActivations("conv1", new float[In - 1], activations)), In, In - 1);
        var small = Filled(10, 7f);
        Messages.Names(Assert.Throws<ArgumentException>("activations", () => net.ComputeActivations("conv1", new float[In], small)), 144, 10, "conv1");
        Assert.All(activations, v => Assert.Equal(7f, v));
        Assert.All(small, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void N13_set_frozen_with_an_unknown_or_null_layer()
    {
        var net = new TinyNet(1);
        Messages.Names(Assert.Throws<ArgumentException>("layer", () => net.SetFrozen("conv")), "'conv'");
        Assert.Throws<ArgumentNullException>("layer", () => net.SetFrozen(null!));
        Assert.False(net.IsFrozen("conv1"));
        Assert.False(net.IsFrozen("dense1"));
        Assert.False(net.IsFrozen("nonexistent"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void N14_threads_below_one(int threads)
    {
        var net = new TinyNet(1) { Threads = 2 };
        var error = Assert.Throws<ArgumentOutOfRangeException>("value", () => net.Threads = threads);
        Assert.Equal(threads, error.ActualValue);
        Assert.Equal(2, net.Threads);
    }

    [Fact]
    public async Task N15_training_from_two_threads_at_once_is_refused()
    {
        var net = new TinyNet(1);
        var inside = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var blocking = new BlockingOptimizer(inside, release);
        var inputs = Samples.Inputs(2, In, 1);
        var first = Task.Run(() => net.TrainStep(inputs, [0, 1], blocking));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(30)));
        try
        {
            var network = new NetworkSnapshot(net);
            var error = Assert.Throws<InvalidOperationException>(() => net.TrainStep(inputs, [0, 1], new Sgd(0.1f)));
            Messages.Names(error, "TinyNet", "another thread");
            Assert.Throws<InvalidOperationException>(() => net.ComputeGradients(inputs, [0, 1]));
            network.AssertUnchanged();
        }
        finally
        {
            release.Set();
        }
        await first.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static float[] Filled(int length, float value)
    {
        var values = new float[length];
        values.AsSpan().Fill(value);
        return values;
    }
}
