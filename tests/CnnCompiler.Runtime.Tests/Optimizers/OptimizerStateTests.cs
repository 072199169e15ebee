namespace CnnCompiler.Runtime.Tests.Optimizers;

/// <summary>GetState/SetState: checkpoints continue bitwise identically, and states that do not fit are refused by name.</summary>
public class OptimizerStateTests
{
    private static readonly float[][] s_gradients =
        [[0.3f, -0.1f, 0.2f, 0.05f], [0.1f, 0.4f, -0.3f, 0f], [-0.2f, 0.1f, 0.1f, 0.3f], [0.05f, -0.05f, 0.2f, -0.1f]];

    public static TheoryData<string> OptimizerKinds => ["sgd", "nesterov", "adam", "adam-l2", "adamw", "amsgrad"];

    private static IOptimizer Create(string kind) => kind switch
    {
        "sgd" => new Sgd(0.1f),
        "nesterov" => new Sgd(0.1f, momentum: 0.9f, weightDecay: 0.01f, nesterov: true),
        "adam" => new Adam(0.05f),
        "adam-l2" => new Adam(0.05f, weightDecay: 0.1),
        "adamw" => new AdamW(0.05f, weightDecay: 0.1),
        "amsgrad" => new AdamW(0.05f, amsGrad: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer kind."),
    };

    [Theory]
    [MemberData(nameof(OptimizerKinds))]
    public void A_restored_optimizer_continues_exactly_like_the_original(string kind)
    {
        IOptimizer original = Create(kind);
        float[] p = [1f, -1f, 0.5f, 2f];
        original.Step(p, s_gradients[0]);
        original.Step(p, s_gradients[1]);
        OptimizerState checkpoint = original.GetState();
        float[] resumedP = (float[])p.Clone();
        IOptimizer resumed = Create(kind);

        resumed.SetState(checkpoint);
        Assert.Equal(2, resumed.StepCount);
        for (int step = 2; step < 4; step++)
        {
            original.Step(p, s_gradients[step]);
            resumed.Step(resumedP, s_gradients[step]);
        }

        Assert.Equal(p, resumedP);
        Assert.Equal(4, resumed.StepCount);
        AssertSameBuffers(original.GetState(), resumed.GetState());
    }

    [Fact]
    public void State_names_follow_pytorch()
    {
        float[] p = new float[4];
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        var adam = new Adam();
        var ams = new AdamW(amsGrad: true);
        sgd.Step(p, s_gradients[0]);
        adam.Step(p, s_gradients[0]);
        ams.Step(p, s_gradients[0]);

        Assert.Equal(["momentum_buffer"], sgd.GetState().Buffers.Select(b => b.Key));
        Assert.Equal(["exp_avg", "exp_avg_sq"], adam.GetState().Buffers.Select(b => b.Key));
        Assert.Equal(["exp_avg", "exp_avg_sq", "max_exp_avg_sq"], ams.GetState().Buffers.Select(b => b.Key));
        Assert.All(ams.GetState().Buffers, b => Assert.Equal(4, b.Value.Length));
    }

    [Fact]
    public void Adam_state_holds_the_moments_after_one_step()
    {
        var adam = new Adam(0.1f);
        adam.Step(new float[2], [0.5f, -1f]);

        OptimizerState state = adam.GetState();

        Assert.Equal(1, state.StepCount);
        OptimizerAssert.Close([0.05, -0.1], state.Buffers[0].Value, scale: 0.01); // (1 − β1)·g
        OptimizerAssert.Close([2.5e-4, 1e-3], state.Buffers[1].Value, scale: 1e-4); // (1 − β2)·g²
    }

    [Fact]
    public void Before_the_first_step_the_state_is_empty()
    {
        Assert.Empty(new Adam().GetState().Buffers);
        Assert.Empty(new Sgd(0.1f, momentum: 0.9f).GetState().Buffers);
        Assert.Equal(0, new AdamW().GetState().StepCount);
    }

    [Fact]
    public void The_state_is_a_copy()
    {
        var adam = new Adam(0.1f);
        adam.Step(new float[2], [1f, 1f]);
        OptimizerState state = adam.GetState();

        state.Buffers[0].Value[0] = 123f;

        Assert.NotEqual(123f, adam.ExpAvg[0]);
    }

    [Fact]
    public void An_empty_state_resets_adam_to_its_first_step()
    {
        var fresh = new Adam(0.1f);
        var reset = new Adam(0.1f);
        float[] p = [1f, 2f], q = [1f, 2f];
        reset.Step(q, [5f, -5f]);
        q = [1f, 2f];

        reset.SetState(new OptimizerState(0, []));
        fresh.Step(p, [0.5f, 0.25f]);
        reset.Step(q, [0.5f, 0.25f]);

        Assert.Equal(p, q);
        Assert.Equal(1, reset.StepCount);
    }

    [Fact]
    public void Buffers_of_the_wrong_length_are_refused()
    {
        var adam = new Adam();
        adam.Step(new float[4], new float[4]);
        var state = new OptimizerState(3, [new("exp_avg", new float[5]), new("exp_avg_sq", new float[5])]);

        var error = Assert.Throws<ArgumentException>(() => adam.SetState(state));

        Assert.StartsWith("State buffer 'exp_avg' has 5 values but 4 are expected (the parameters this optimizer updates).", error.Message);
    }

    [Fact]
    public void Buffers_of_different_lengths_are_refused_before_the_first_step()
    {
        var state = new OptimizerState(3, [new("exp_avg", new float[4]), new("exp_avg_sq", new float[6])]);

        var error = Assert.Throws<ArgumentException>(() => new AdamW().SetState(state));

        Assert.StartsWith("State buffer 'exp_avg_sq' has 6 values but 4 are expected (the length of 'exp_avg').", error.Message);
    }

    [Fact]
    public void A_restored_size_binds_later_steps()
    {
        var adam = new Adam();
        adam.SetState(new OptimizerState(1, [new("exp_avg", new float[3]), new("exp_avg_sq", new float[3])]));

        var error = Assert.Throws<ArgumentException>(() => adam.Step(new float[2], new float[2]));

        Assert.StartsWith("This optimizer's state is sized for 3 parameters; got 2.", error.Message);
    }

    [Fact]
    public void Unknown_and_missing_buffers_are_named()
    {
        var unknown = new OptimizerState(1, [new("momentum_buffer", new float[2])]);
        var missing = new OptimizerState(1, [new("exp_avg", new float[2]), new("exp_avg_sq", new float[2])]);
        var noBuffers = new OptimizerState(7, []);

        var adamError = Assert.Throws<ArgumentException>(() => new Adam().SetState(unknown));
        var amsError = Assert.Throws<ArgumentException>(() => new Adam(amsGrad: true).SetState(missing));
        var emptyError = Assert.Throws<ArgumentException>(() => new AdamW().SetState(noBuffers));
        var sgdError = Assert.Throws<ArgumentException>(() =>
            new Sgd(0.1f, momentum: 0.9f).SetState(new OptimizerState(1, [new("exp_avg", new float[2])])));

        Assert.StartsWith("Adam has no state buffer named 'momentum_buffer'; it keeps 'exp_avg' and 'exp_avg_sq'.", adamError.Message);
        Assert.StartsWith("Adam's state must hold 'exp_avg', 'exp_avg_sq' and 'max_exp_avg_sq'; the given state lacks 'max_exp_avg_sq'.", amsError.Message);
        Assert.StartsWith("AdamW's state after 7 steps holds 'exp_avg' and 'exp_avg_sq'; the given state has no buffers.", emptyError.Message);
        Assert.StartsWith("SGD has no state buffer named 'exp_avg'", sgdError.Message);
    }

    [Fact]
    public void Sgd_without_momentum_refuses_a_momentum_buffer()
    {
        var sgd = new Sgd(0.1f);

        var error = Assert.Throws<ArgumentException>(() =>
            sgd.SetState(new OptimizerState(2, [new("momentum_buffer", new float[3])])));

        Assert.StartsWith("This optimizer has no momentum, so its momentum buffer is empty; got 3 values.", error.Message);
    }

    private static void AssertSameBuffers(OptimizerState expected, OptimizerState actual)
    {
        Assert.Equal(expected.StepCount, actual.StepCount);
        Assert.Equal(expected.Buffers.Select(b => b.Key), actual.Buffers.Select(b => b.Key));
        for (int i = 0; i < expected.Buffers.Count; i++)
            Assert.Equal(expected.Buffers[i].Value, actual.Buffers[i].Value);
    }
}
