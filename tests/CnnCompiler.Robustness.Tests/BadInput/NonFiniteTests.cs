namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>
/// Rows F1–F8 of docs/bad-input.md: NaN and ±∞ in inputs, targets and weights. Inference refuses non-finite inputs
/// with an ArgumentException naming the sample and value (max pooling and ReLU would otherwise drop them and answer
/// with a confident class); training never applies a non-finite update nor keeps statistics of a refused step.
/// </summary>
public class NonFiniteTests
{
    private const int In = TinyNet.InputLength;
    private const int Out = TinyNet.OutputLength;

    public static TheoryData<float, int> BadValues() => new()
    {
        { float.NaN, 0 },             // conv1's top-left corner only: max pooling drops it today
        { float.NaN, 27 },
        { float.PositiveInfinity, 0 },
        { float.NegativeInfinity, 27 }, // ReLU turns −∞ into 0: dropped
        { float.NegativeInfinity, 63 },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void F1_inference_refuses_non_finite_inputs(float bad, int position)
    {
        var net = new TinyNet(3);
        var inputs = Samples.Inputs(2, In, 5);
        inputs[In + position] = bad; // sample 1
        var outputs = new float[2 * Out];
        outputs.AsSpan().Fill(7f);
        var labels = new[] { -5, -5 };
        string value = bad.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (call, parameter, sample) in new (Action, string, int)[]
        {
            (() => net.Predict(inputs, outputs), "inputs", 1),
            (() => net.Classify(inputs, labels), "inputs", 1),
            (() => net.Classify(inputs.AsSpan(In, In)), "input", 0),
            (() => net.ComputeLoss(inputs, [0, 1]), "inputs", 1),
            (() => net.ComputeActivations("conv1", inputs.AsSpan(In, In), new float[144]), "input", 0),
        })
        {
            var error = Assert.Throws<ArgumentException>(parameter, call);
            Messages.Names(error, "TinyNet", $"sample {sample}", value);
        }
        Assert.All(outputs, v => Assert.Equal(7f, v));
        Assert.Equal([-5, -5], labels);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void F2_training_with_a_non_finite_input_never_updates_the_parameters(float bad, int position)
    {
        var net = new TinyNet(3);
        var optimizer = new Sgd(0.1f, momentum: 0.9f);
        net.TrainStep(Samples.Inputs(2, In, 1), [0, 1], optimizer);
        var network = new NetworkSnapshot(net);
        var state = new OptimizerSnapshot(optimizer);
        var inputs = Samples.Inputs(2, In, 5);
        inputs[position] = bad;
        // Either refused as an argument or as a non-finite loss or gradient: never an update.
        var error = Assert.ThrowsAny<Exception>(() => net.TrainStep(inputs, [0, 1], optimizer));
        Assert.True(error is ArgumentException or InvalidOperationException, error.ToString());
        network.AssertWeightsUnchanged();
        state.AssertUnchanged();
        Assert.All(net.Parameters.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void F3_a_refused_training_step_leaves_batch_norm_statistics_unchanged()
    {
        var net = new TinyBatchNormNet(3);
        var optimizer = new Sgd(0.1f);
        net.TrainStep(Samples.Inputs(4, In, 1), [0, 1, 2, 0], optimizer);
        var network = new NetworkSnapshot(net);
        var inputs = Samples.Inputs(4, In, 5);
        inputs[10] = float.NaN;
        Assert.ThrowsAny<Exception>(() => net.TrainStep(inputs, [0, 1, 2, 0], optimizer));
        network.AssertWeightsUnchanged(); // running mean and variance too: a refused step must not poison later predictions
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void F4_a_non_finite_loss_from_non_finite_weights_stops_the_step()
    {
        var net = new TinyNet(3);
        net.Parameters[5] = float.NaN; // a conv1 weight
        var optimizer = new Sgd(0.1f, momentum: 0.9f);
        var network = new NetworkSnapshot(net);
        var error = Assert.Throws<InvalidOperationException>(() => net.TrainStep(Samples.Inputs(2, In, 1), [0, 1], optimizer));
        Messages.Names(error, "TinyNet", "NaN", "not updated");
        network.AssertWeightsUnchanged();
        Assert.Equal(0, optimizer.StepCount);
        Assert.True(optimizer.GetState().Buffers.Count == 0);
    }

    [Fact]
    public void F5_predict_with_non_finite_weights_propagates_NaN()
    {
        var net = new TinyNet(3);
        net.Parameters[TinyNet.ParameterCount - 1] = float.PositiveInfinity; // the last bias: logit ∞ → softmax ∞/∞
        var outputs = new float[2 * Out];
        net.Predict(Samples.Inputs(2, In, 1), outputs);
        Assert.All(outputs, v => Assert.True(float.IsNaN(v)));
        net.Parameters[TinyNet.ParameterCount - 1] = 0f;
        net.Parameters[0] = float.NaN; // a conv1 weight: every window of that channel is NaN
        net.Predict(Samples.Inputs(2, In, 1), outputs);
        Assert.All(outputs, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void F6_compute_gradients_with_non_finite_weights_returns_the_non_finite_loss()
    {
        var net = new TinyNet(3);
        net.Parameters[5] = float.NaN;
        var before = net.Parameters.ToArray();
        float loss = net.ComputeGradients(Samples.Inputs(2, In, 1), [0, 1]);
        Assert.True(float.IsNaN(loss));
        Bits.Equal(before, net.Parameters);
    }

    [Fact]
    public void F7_regressor_with_non_finite_targets()
    {
        var net = new TinyRegressor(1);
        var optimizer = new Sgd(0.1f);
        var network = new NetworkSnapshot(net);
        var inputs = Samples.Inputs(2, TinyRegressor.InputLength, 1);
        float[] targets = [0f, 1f, float.NaN, 0f];
        var error = Assert.ThrowsAny<Exception>(() => net.TrainStep(inputs, targets, optimizer));
        Assert.True(error is ArgumentException or InvalidOperationException, error.ToString());
        network.AssertWeightsUnchanged();
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void F8_weight_files_holding_NaN_load_as_stored()
    {
        using var temp = new TempDirectory();
        var source = new TinyNet(3);
        source.Parameters[7] = float.NaN;
        string path = temp.File("nan.safetensors");
        source.SaveWeights(path);
        var net = new TinyNet(4);
        net.LoadWeights(path);
        Bits.Equal(source.Parameters, net.Parameters);
        Assert.Throws<InvalidOperationException>(() => net.TrainStep(Samples.Inputs(2, In, 1), [0, 1], new Sgd(0.1f)));
    }
}

/// <summary>The runtime check the generated entry points are to call (see docs/bad-input.md, F1).</summary>
public class FiniteValuesTests
{
    [Fact]
    public void Names_the_first_non_finite_value_with_its_sample()
    {
        float[] values = new float[3 * 64];
        values[64 + 27] = float.NegativeInfinity;
        values[2 * 64] = float.NaN;
        var error = Assert.Throws<ArgumentException>("inputs", () => CnnCompiler.CompilerServices.FiniteValues.Require(values, 64, "TinyNet", "inputs"));
        Messages.Names(error, "TinyNet", "-Infinity", "index 91", "sample 1", "value 27");
        CnnCompiler.CompilerServices.FiniteValues.Require(new float[64], 64, "TinyNet", "inputs");
    }
}
