namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows O1–O9 of docs/bad-input.md: optimizer hyperparameters, Step with wrong lengths, and state restores.</summary>
public class OptimizerTests
{
    public static TheoryData<string, Func<IOptimizer>, string> BadHyperparameters() => new()
    {
        { "Sgd lr −1", () => new Sgd(-1f), "learningRate" },
        { "Sgd lr NaN", () => new Sgd(float.NaN), "learningRate" },
        { "Sgd lr ∞", () => new Sgd(float.PositiveInfinity), "learningRate" },
        { "Sgd momentum −0.1", () => new Sgd(0.1f, momentum: -0.1f), "momentum" },
        { "Sgd dampening 2", () => new Sgd(0.1f, dampening: 2f), "dampening" },
        { "Sgd weight decay NaN", () => new Sgd(0.1f, weightDecay: float.NaN), "weightDecay" },
        { "Sgd Nesterov without momentum", () => new Sgd(0.1f, nesterov: true), "nesterov" },
        { "Adam lr NaN", () => new Adam(float.NaN), "learningRate" },
        { "Adam beta1 1", () => new Adam(beta1: 1), "beta1" },
        { "Adam beta2 −0.5", () => new Adam(beta2: -0.5), "beta2" },
        { "Adam epsilon NaN", () => new Adam(epsilon: double.NaN), "epsilon" },
        { "Adam weight decay −1", () => new Adam(weightDecay: -1), "weightDecay" },
        { "AdamW lr −1", () => new AdamW(-1f), "learningRate" },
        { "AdamW beta1 NaN", () => new AdamW(beta1: double.NaN), "beta1" },
        { "AdamW weight decay ∞", () => new AdamW(weightDecay: double.PositiveInfinity), "weightDecay" },
    };

    [Theory]
    [MemberData(nameof(BadHyperparameters))]
    public void O1_constructor_hyperparameters_out_of_range(string what, Func<IOptimizer> create, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(create);
        // The learning rate goes through the property setter, whose parameter is 'value'; the message says what it is.
        if (parameter == "learningRate") Assert.Contains("learning rate", error.Message, StringComparison.Ordinal);
        else Assert.Equal(parameter, error.ParamName);
        Assert.False(string.IsNullOrEmpty(what));
    }

    public static TheoryData<string> Optimizers() => ["sgd", "adam", "adamw"];

    private static IOptimizer Create(string kind) => kind switch
    {
        "sgd" => new Sgd(0.1f, momentum: 0.9f, weightDecay: 0.01f),
        "adam" => new Adam(0.01f, amsGrad: true),
        _ => new AdamW(0.01f),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void O2_learning_rate_property_refuses_negative_and_non_finite(string kind)
    {
        IOptimizer optimizer = Create(kind);
        float before = optimizer.LearningRate;
        foreach (float rate in new[] { -0.1f, float.NaN, float.PositiveInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>("value", () => optimizer.LearningRate = rate);
            Messages.Names(error, "learning rate");
        }
        Assert.Equal(before, optimizer.LearningRate);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void O3_step_with_parameters_and_gradients_of_different_lengths(string kind)
    {
        IOptimizer optimizer = Create(kind);
        float[] parameters = Samples.Inputs(1, 10, 1);
        float[] before = (float[])parameters.Clone();
        var error = Assert.Throws<ArgumentException>("gradients", () => optimizer.Step(parameters, new float[9]));
        Messages.Names(error, "10 parameters", "9 gradients");
        Bits.Equal(before, parameters);
        Assert.Equal(0, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void O4_step_on_a_parameter_span_of_another_size_than_the_first(string kind)
    {
        IOptimizer optimizer = Create(kind);
        optimizer.Step(Samples.Inputs(1, 10, 1), Samples.Inputs(1, 10, 2));
        var state = new OptimizerSnapshot(optimizer);
        float[] parameters = Samples.Inputs(1, 12, 3);
        float[] before = (float[])parameters.Clone();
        var error = Assert.Throws<ArgumentException>("parameters", () => optimizer.Step(parameters, new float[12]));
        Messages.Names(error, "10 parameters", "12");
        Bits.Equal(before, parameters);
        state.AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void O5_set_state_with_buffers_of_the_wrong_length_or_name(string kind)
    {
        IOptimizer optimizer = Create(kind);
        optimizer.Step(Samples.Inputs(1, 10, 1), Samples.Inputs(1, 10, 2));
        var state = new OptimizerSnapshot(optimizer);
        OptimizerState good = optimizer.GetState();
        var shortened = new OptimizerState(good.StepCount, good.Buffers.Select(b => new KeyValuePair<string, float[]>(b.Key, b.Value[..7])).ToList());
        Messages.Names(Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(shortened)), "7", "10");
        var renamed = new OptimizerState(good.StepCount, [new("velocity", new float[10])]);
        Messages.Names(Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(renamed)), "'velocity'");
        Assert.Throws<ArgumentNullException>("state", () => optimizer.SetState(null!));
        state.AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void O6_set_state_with_null_or_repeated_buffers_is_an_argument_error(string kind)
    {
        IOptimizer optimizer = Create(kind);
        optimizer.Step(Samples.Inputs(1, 10, 1), Samples.Inputs(1, 10, 2));
        var state = new OptimizerSnapshot(optimizer);
        OptimizerState good = optimizer.GetState();
        Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(new OptimizerState(good.StepCount, null!)));
        var nullBuffer = new OptimizerState(good.StepCount, good.Buffers.Select(b => new KeyValuePair<string, float[]>(b.Key, null!)).ToList());
        Messages.Names(Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(nullBuffer)), good.Buffers[0].Key, "null");
        var twice = new OptimizerState(good.StepCount, [.. good.Buffers, good.Buffers[0]]);
        Messages.Names(Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(twice)), good.Buffers[0].Key, "twice");
        Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(new OptimizerState(-1, good.Buffers)));
        state.AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void O7_a_step_with_nan_gradients_is_refused_and_changes_nothing(string kind)
    {
        IOptimizer optimizer = Create(kind);
        float[] parameters = Samples.Inputs(1, 10, 1);
        optimizer.Step(parameters, Samples.Inputs(1, 10, 2));
        float[] before = parameters.ToArray();
        var state = new OptimizerSnapshot(optimizer);
        float[] gradients = Samples.Inputs(1, 10, 3);
        gradients[4] = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() => optimizer.Step(parameters, gradients));
        Messages.Names(error, "refused step 2", "parameter 4 NaN", "its gradient NaN", "unchanged");
        Bits.Equal(before, parameters);
        state.AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void O8_set_state_with_values_out_of_range_changes_nothing(string kind)
    {
        IOptimizer optimizer = Create(kind);
        optimizer.Step(Samples.Inputs(1, 10, 1), Samples.Inputs(1, 10, 2));
        var state = new OptimizerSnapshot(optimizer);
        OptimizerState good = optimizer.GetState();
        OptimizerState With(string buffer, int index, float value) => new(good.StepCount, good.Buffers.Select(b =>
            new KeyValuePair<string, float[]>(b.Key, b.Key == buffer ? [.. b.Value[..index], value, .. b.Value[(index + 1)..]] : b.Value)).ToList());

        var tooMany = Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(good with { StepCount = long.MaxValue }));
        Messages.Names(tooMany, "9,007,199,254,740,992");
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            Messages.Names(Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(With(good.Buffers[0].Key, 3, bad))), good.Buffers[0].Key, "index 3", "finite");
        if (kind != "sgd")
        {
            Messages.Names(Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(With("exp_avg_sq", 2, -0.5f))), "'exp_avg_sq' holds -0.5 at index 2", "≥ 0");
        }
        if (kind == "adam")
        {
            Messages.Names(Assert.ThrowsAny<ArgumentException>(() => optimizer.SetState(With("max_exp_avg_sq", 5, 0f))), "'max_exp_avg_sq' is 0 at index 5", "below 'exp_avg_sq'");
        }
        state.AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void O9_a_step_that_would_overflow_is_refused_and_changes_nothing(string kind)
    {
        IOptimizer optimizer = Create(kind);
        float[] parameters = Samples.Inputs(1, 10, 1);
        optimizer.Step(parameters, Samples.Inputs(1, 10, 2));
        optimizer.LearningRate = 3.4e38f;
        float[] before = parameters.ToArray();
        var state = new OptimizerSnapshot(optimizer);
        float[] huge = Enumerable.Repeat(3e38f, 10).ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => optimizer.Step(parameters, huge));
        Messages.Names(error, "refused step 2", "learning rate 3.4E+38", "unchanged");
        Bits.Equal(before, parameters);
        state.AssertUnchanged();
        optimizer.LearningRate = 0.01f;
        optimizer.Step(parameters, Samples.Inputs(1, 10, 2));
        Assert.Equal(2, optimizer.StepCount);
        Assert.All(parameters, p => Assert.True(float.IsFinite(p)));
    }

    /// <summary>
    /// A step the optimizer refuses inside TrainStep leaves the whole network as it was: besides the parameters, the
    /// BatchNorm statistics and the dropout generator that the step's forward pass moved are put back.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void O9_a_refused_update_inside_TrainStep_changes_nothing_in_the_network(int threads)
    {
        var net = new TinyBatchNormNet(3) { Threads = threads };
        float[] inputs = Samples.Inputs(4, TinyBatchNormNet.InputLength, 5);
        int[] labels = Samples.Labels(4, 3, 6);
        var optimizer = new Sgd(10f, momentum: 0.9f);
        net.TrainStep(inputs, labels, optimizer);
        // A momentum buffer near float's limit: the next update overflows, which SGD refuses.
        OptimizerState state = optimizer.GetState();
        optimizer.SetState(new OptimizerState(state.StepCount, state.Buffers.Select(b => new KeyValuePair<string, float[]>(b.Key, Enumerable.Repeat(3e38f, b.Value.Length).ToArray())).ToList()));
        float[] parameters = net.Parameters.ToArray(), statistics = net.State.ToArray();
        var random = net.TrainingRandom.State;
        Assert.Throws<InvalidOperationException>(() => net.TrainStep(inputs, labels, optimizer));
        Bits.Equal(parameters, net.Parameters.ToArray());
        Bits.Equal(statistics, net.State.ToArray());
        Assert.Equal(random, net.TrainingRandom.State);
    }
}
