namespace CnnCompiler.Runtime.Tests.Optimizers;

/// <summary>
/// Expected values are worked out in double from torch.optim.Adam's update (m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ),
/// p −= lr·m̂/(√v̂ + eps)), not by running the code under test.
/// </summary>
public class AdamTests
{
    private static readonly float[][] s_gradients = [[0.1f, -0.2f, 0.3f], [0.2f, 0.1f, -0.1f], [-0.3f, 0.05f, 0.2f]];

    [Fact]
    public void Three_steps_follow_the_bias_corrected_update()
    {
        var adam = new Adam(learningRate: 0.1f);
        float[] p = [1f, -2f, 0.5f];

        // Step 1: m = 0.1·g, v = 0.001·g², so m̂ = g, v̂ = g² and p moves by lr·g/(|g| + eps) ≈ 0.1·sign(g).
        adam.Step(p, s_gradients[0]);
        OptimizerAssert.Close([0.90000001, -1.9, 0.400000003], p);
        OptimizerAssert.Close([0.01, -0.02, 0.03], adam.ExpAvg, scale: 0.01);
        OptimizerAssert.Close([1e-5, 4e-5, 9e-5], adam.ExpAvgSq, scale: 1e-5);

        // Step 2, element 0: m = 0.09·0.1 + 0.1·0.2 = 0.029, v = 0.999·1e-5 + 0.001·0.04 = 4.999e-5,
        // m̂ = 0.029/0.19 = 0.152631579, v̂ = 4.999e-5/0.001999 = 0.0250075038, p = 0.9 − 0.1·0.152631579/0.158137610 = 0.803481814.
        adam.Step(p, s_gradients[1]);
        OptimizerAssert.Close([0.803481814, -1.8733663, 0.359978148], p);
        OptimizerAssert.Close([0.029, -0.008, 0.017], adam.ExpAvg, scale: 0.01);
        OptimizerAssert.Close([4.999e-5, 4.996e-5, 9.991e-5], adam.ExpAvgSq, scale: 1e-5);

        adam.Step(p, s_gradients[2]);
        OptimizerAssert.Close([0.810141715, -1.86722742, 0.299669502], p);
        Assert.Equal(3, adam.StepCount);
        Assert.Equal(0, adam.MaxExpAvgSq.Length);
    }

    [Fact]
    public void Weight_decay_is_an_l2_term_added_to_the_gradient()
    {
        var adam = new Adam(learningRate: 0.1f, weightDecay: 0.1);
        float[] p = [1f, -2f, 0.5f];

        adam.Step(p, s_gradients[0]); // g' = g + 0.1·p = [0.2, −0.4, 0.35]: still ±lr on the first step
        OptimizerAssert.Close([0.9, -1.9, 0.4], p);
        OptimizerAssert.Close([0.02, -0.04, 0.035], adam.ExpAvg, scale: 0.01);
        adam.Step(p, s_gradients[1]); // g' = [0.29, −0.09, −0.06]
        OptimizerAssert.Close([0.80070332, -1.81828755, 0.346537847], p);
        adam.Step(p, s_gradients[2]);
        OptimizerAssert.Close([0.769451762, -1.73858963, 0.276827052], p);
    }

    [Fact]
    public void Amsgrad_divides_by_the_running_maximum_of_the_second_moment()
    {
        // β1 = 0.5 also takes lerp's large-weight branch (m = g − (g − m)·β1).
        float[][] gradients = [[1f, -1f, 0.5f], [0.01f, 0.01f, 0.01f], [0.01f, -0.01f, 0.02f]];
        var plain = new Adam(0.1f, beta1: 0.5, beta2: 0.9);
        var ams = new Adam(0.1f, beta1: 0.5, beta2: 0.9, amsGrad: true);
        float[] p = [1f, -2f, 0.5f], q = [1f, -2f, 0.5f];

        foreach (float[] g in gradients)
        {
            plain.Step(p, g);
            ams.Step(q, g);
        }

        // v after the steps: [0.1, 0.09001, 0.081019] for the first element; its maximum stays at step 1's 0.1.
        OptimizerAssert.Close([0.081019, 0.081019, 0.020299], ams.ExpAvgSq, scale: 0.01);
        OptimizerAssert.Close([0.1, 0.1, 0.025], ams.MaxExpAvgSq, scale: 0.01);
        OptimizerAssert.Close([0.822907041, -1.82588931, 0.318323225], p);
        OptimizerAssert.Close([0.828205947, -1.83098451, 0.323994597], q);
    }

    [Fact]
    public void Vectorized_update_matches_a_double_reference_on_odd_lengths()
    {
        const int n = 1003; // not a multiple of any vector width, so the scalar tail runs too
        var random = new SeededRandom(11);
        float[] p = Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        double[] reference = p.Select(x => (double)x).ToArray();
        double[] m = new double[n], v = new double[n], vMax = new double[n];
        var adam = new Adam(0.01f, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.05, amsGrad: true);

        for (int t = 1; t <= 5; t++)
        {
            float[] g = Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f).ToArray();
            adam.Step(p, g);
            OptimizerAssert.ReferenceAdamStep(reference, g, m, v, vMax, t, 0.01f, 0.8, 0.99, 1e-6, 0.05, decoupled: false);
        }

        OptimizerAssert.Close(reference, p, 1e-5);
        OptimizerAssert.Close(m, adam.ExpAvg, 1e-5);
        OptimizerAssert.Close(vMax, adam.MaxExpAvgSq, 1e-5, scale: 0.01);
    }

    [Fact]
    public void Learning_rate_can_change_between_steps()
    {
        var adam = new Adam(0.1f);
        float[] p = [1f];

        adam.Step(p, [2f]); // −0.1·sign
        adam.LearningRate = 0.01f;
        adam.Step(p, [2f]); // constant gradient: m̂ = 2, v̂ = 4, so another −lr

        OptimizerAssert.Close([0.89], p);
    }

    [Fact]
    public void Parameter_and_gradient_lengths_must_match()
    {
        var adam = new Adam();

        var error = Assert.Throws<ArgumentException>(() => adam.Step(new float[3], new float[2]));

        Assert.StartsWith("Parameters and gradients must have the same length; got 3 parameters and 2 gradients.", error.Message);
    }

    [Fact]
    public void Later_steps_must_match_the_state_size()
    {
        var adam = new Adam();
        adam.Step(new float[4], new float[4]);

        var error = Assert.Throws<ArgumentException>(() => adam.Step(new float[5], new float[5]));

        Assert.StartsWith("This optimizer's state is sized for 4 parameters; got 5.", error.Message);
    }

    [Fact]
    public void Hyperparameters_are_checked_as_pytorch_does()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(-1e-3f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: -1e-8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(weightDecay: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { LearningRate = float.PositiveInfinity });
    }

    [Fact]
    public void Steps_after_the_first_allocate_nothing()
    {
        var adam = new Adam(1e-3f, weightDecay: 1e-4, amsGrad: true);
        float[] p = new float[4097];
        float[] g = Enumerable.Range(0, 4097).Select(i => i * 1e-3f).ToArray();
        adam.Step(p, g);
        adam.Step(p, g); // warm-up: JIT of the steady-state path

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) adam.Step(p, g);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(p[4096] < 0f);
    }
}
