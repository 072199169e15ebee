namespace CnnCompiler.Runtime.Tests;

/// <summary>
/// Expected values are worked out by hand from torch.optim.SGD's update (shown in each test), not by running the code.
/// </summary>
public class SgdTests
{
    private const float Tolerance = 1e-6f;

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1f, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void Plain_sgd_subtracts_learning_rate_times_gradient()
    {
        var sgd = new Sgd(learningRate: 0.1f);
        float[] p = [1f, -2f];

        sgd.Step(p, [0.5f, 1f]); // p = [1 − 0.05, −2 − 0.1]
        AssertClose([0.95f, -2.1f], p);
        sgd.Step(p, [0.5f, 1f]);
        AssertClose([0.9f, -2.2f], p);
        Assert.Equal(0, sgd.MomentumBuffer.Length);
    }

    [Fact]
    public void Learning_rate_can_change_between_steps()
    {
        var sgd = new Sgd(0.1f);
        float[] p = [1f];

        sgd.Step(p, [1f]);
        sgd.LearningRate = 0.01f;
        sgd.Step(p, [1f]);

        AssertClose([0.89f], p); // 1 − 0.1 − 0.01
    }

    [Fact]
    public void Momentum_starts_from_the_gradient_then_accumulates()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        float[] p = [0f, 0f];
        float[] g = [1f, -2f];

        sgd.Step(p, g); // buf = g = [1, −2];            p = −0.1·buf
        AssertClose([-0.1f, 0.2f], p);
        sgd.Step(p, g); // buf = 0.9·[1, −2] + g = [1.9, −3.8]
        AssertClose([-0.29f, 0.58f], p);
        AssertClose([1.9f, -3.8f], sgd.MomentumBuffer.ToArray());
        sgd.Step(p, g); // buf = [2.71, −5.42]
        AssertClose([-0.561f, 1.122f], p);
    }

    [Fact]
    public void Dampening_scales_the_new_gradient_but_not_on_the_first_step()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f, dampening: 0.5f);
        float[] p = [0f];

        sgd.Step(p, [1f]); // buf = 1
        AssertClose([-0.1f], p);
        sgd.Step(p, [1f]); // buf = 0.9 + 0.5·1 = 1.4
        AssertClose([-0.24f], p);
        sgd.Step(p, [1f]); // buf = 1.26 + 0.5 = 1.76
        AssertClose([-0.416f], p);
    }

    [Fact]
    public void Nesterov_steps_along_gradient_plus_momentum_times_buffer()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f, nesterov: true);
        float[] p = [0f, 0f];
        float[] g = [1f, -2f];

        sgd.Step(p, g); // buf = 1;    step = 1 + 0.9·1 = 1.9
        AssertClose([-0.19f, 0.38f], p);
        sgd.Step(p, g); // buf = 1.9;  step = 1 + 0.9·1.9 = 2.71
        AssertClose([-0.461f, 0.922f], p);
        sgd.Step(p, g); // buf = 2.71; step = 1 + 0.9·2.71 = 3.439
        AssertClose([-0.8049f, 1.6098f], p);
        AssertClose([2.71f, -5.42f], sgd.MomentumBuffer.ToArray());
    }

    [Fact]
    public void Weight_decay_adds_decay_times_parameter_to_the_gradient()
    {
        var sgd = new Sgd(0.5f, weightDecay: 0.1f);
        float[] p = [2f, -4f];
        float[] g = [0f, 1f];

        sgd.Step(p, g); // g' = [0.2, 0.6]
        AssertClose([1.9f, -4.3f], p);
        sgd.Step(p, g); // g' = [0.19, 0.57]
        AssertClose([1.805f, -4.585f], p);
    }

    [Fact]
    public void Weight_decay_feeds_the_momentum_buffer()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f, weightDecay: 0.1f);
        float[] p = [1f];

        sgd.Step(p, [0f]); // g' = 0.1;   buf = 0.1
        AssertClose([0.99f], p);
        sgd.Step(p, [0f]); // g' = 0.099; buf = 0.09 + 0.099 = 0.189
        AssertClose([0.9711f], p);
    }

    [Fact]
    public void Weight_decay_with_nesterov()
    {
        var sgd = new Sgd(0.1f, momentum: 0.5f, weightDecay: 0.01f, nesterov: true);
        float[] p = [1f];

        sgd.Step(p, [0.5f]); // g' = 0.51; buf = 0.51; step = 0.51 + 0.255 = 0.765
        AssertClose([0.9235f], p);
        sgd.Step(p, [0.5f]); // g' = 0.509235; buf = 0.764235; step = 0.8913525
        AssertClose([0.83436475f], p);
    }

    [Fact]
    public void Vectorised_update_matches_a_scalar_loop_on_odd_lengths()
    {
        const int n = 1003; // not a multiple of any vector width, so the tail path runs too
        var random = new SeededRandom(3);
        float[] p = Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] reference = (float[])p.Clone();
        float[] buffer = new float[n];
        var sgd = new Sgd(0.05f, momentum: 0.8f, weightDecay: 0.02f, nesterov: true);

        for (int step = 0; step < 4; step++)
        {
            float[] g = Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f).ToArray();
            sgd.Step(p, g);
            for (int i = 0; i < n; i++)
            {
                float gi = g[i] + 0.02f * reference[i];
                buffer[i] = step == 0 ? gi : 0.8f * buffer[i] + gi;
                reference[i] -= 0.05f * (gi + 0.8f * buffer[i]);
            }
        }

        AssertClose(reference, p);
        AssertClose(buffer, sgd.MomentumBuffer.ToArray());
        Assert.Equal(4, sgd.StepCount);
    }

    [Fact]
    public void Restored_state_continues_exactly_where_the_checkpoint_left_off()
    {
        var original = new Sgd(0.1f, momentum: 0.9f);
        float[] p = [0f, 0f];
        original.Step(p, [1f, -2f]);
        original.Step(p, [1f, -2f]);
        float[] resumedP = (float[])p.Clone();
        var resumed = new Sgd(0.1f, momentum: 0.9f);

        resumed.RestoreState(original.MomentumBuffer, original.StepCount);
        original.Step(p, [1f, -2f]);
        resumed.Step(resumedP, [1f, -2f]);

        Assert.Equal(p, resumedP);
        Assert.Equal(3, resumed.StepCount);
    }

    [Fact]
    public void Parameter_and_gradient_lengths_must_match()
    {
        var sgd = new Sgd(0.1f);

        var error = Assert.Throws<ArgumentException>(() => sgd.Step(new float[3], new float[2]));

        Assert.StartsWith("Parameters and gradients must have the same length; got 3 parameters and 2 gradients.", error.Message);
    }

    [Fact]
    public void Later_steps_must_match_the_state_size()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        sgd.Step(new float[4], new float[4]);

        var error = Assert.Throws<ArgumentException>(() => sgd.Step(new float[5], new float[5]));

        Assert.StartsWith("This optimizer's state is sized for 4 parameters; got 5.", error.Message);
    }

    [Fact]
    public void Nesterov_requires_momentum_and_no_dampening()
    {
        Assert.Throws<ArgumentException>(() => new Sgd(0.1f, nesterov: true));
        Assert.Throws<ArgumentException>(() => new Sgd(0.1f, momentum: 0.9f, dampening: 0.1f, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f) { LearningRate = float.NaN });
    }

    [Fact]
    public void Steps_after_the_first_allocate_nothing()
    {
        var sgd = new Sgd(0.01f, momentum: 0.9f, weightDecay: 1e-4f, nesterov: true);
        float[] p = new float[4097];
        float[] g = Enumerable.Range(0, 4097).Select(i => i * 1e-3f).ToArray();
        sgd.Step(p, g);
        sgd.Step(p, g); // warm-up: JIT of the steady-state path

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) sgd.Step(p, g);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(p[4096] < 0f);
    }
}
