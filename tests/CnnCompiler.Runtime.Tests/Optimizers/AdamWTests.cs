namespace CnnCompiler.Runtime.Tests.Optimizers;

/// <summary>Expected values are worked out in double from torch.optim.AdamW's update, not by running the code under test.</summary>
public class AdamWTests
{
    [Fact]
    public void Three_steps_shrink_the_parameters_then_take_the_adam_step()
    {
        var adamW = new AdamW(learningRate: 0.1f, weightDecay: 0.1);
        float[] p = [1f, -2f, 0.5f];

        // Step 1: p·(1 − 0.1·0.1) = [0.99, −1.98, 0.495], then −lr·sign(g) as in Adam's first step.
        adamW.Step(p, [0.1f, -0.2f, 0.3f]);
        OptimizerAssert.Close([0.89000001, -1.88, 0.395000003], p);
        // The moments see the raw gradient, not a decay term.
        OptimizerAssert.Close([0.01, -0.02, 0.03], adamW.ExpAvg, scale: 0.01);

        // Step 2, element 0: 0.89·0.99 = 0.8811, then −0.1·0.152631579/0.158137610 (as in Adam) = 0.784581813.
        adamW.Step(p, [0.2f, 0.1f, -0.1f]);
        OptimizerAssert.Close([0.784581813, -1.8345663, 0.351028148], p);

        adamW.Step(p, [-0.3f, 0.05f, 0.2f]);
        OptimizerAssert.Close([0.783395897, -1.81008175, 0.28720922], p);
        Assert.Equal(3, adamW.StepCount);
    }

    [Fact]
    public void With_zero_gradients_only_the_decoupled_decay_moves_the_parameters()
    {
        var adamW = new AdamW(learningRate: 0.5f, weightDecay: 0.2);
        var adam = new Adam(learningRate: 0.5f, weightDecay: 0.2);
        float[] p = [1f, -4f], q = [1f, -4f];
        var adamTrajectory = new List<float[]>();

        for (int t = 0; t < 3; t++)
        {
            adamW.Step(p, [0f, 0f]);
            adam.Step(q, [0f, 0f]);
            adamTrajectory.Add((float[])q.Clone());
        }

        // AdamW: m = v = 0, so p = p·(1 − 0.5·0.2)³ = p·0.729.
        OptimizerAssert.Close([0.729, -2.916], p);
        // Adam: the decay enters the gradient (g = 0.2·p) and is normalised away. Step 1 moves lr·sign(p).
        OptimizerAssert.Close([0.5, -3.5], adamTrajectory[0]);
        // Step 2, element 0: g = 0.1, m = 0.9·0.02 + 0.1·0.1 = 0.028, v = 0.999·4e-5 + 0.001·0.01 = 4.996e-5,
        // p = 0.5 − 0.5·(0.028/0.19)/√(4.996e-5/0.001999) = 0.0339102314.
        OptimizerAssert.Close([0.0339102314, -3.00284143], adamTrajectory[1], 1e-5);
        OptimizerAssert.Close([-0.335904565, -2.51110035], adamTrajectory[2], 1e-5);
    }

    [Fact]
    public void Vectorized_update_matches_a_double_reference_on_odd_lengths()
    {
        const int n = 517;
        var random = new SeededRandom(5);
        float[] p = Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        double[] reference = p.Select(x => (double)x).ToArray();
        double[] m = new double[n], v = new double[n];
        var adamW = new AdamW(0.02f, beta1: 0.9, beta2: 0.95, epsilon: 1e-6, weightDecay: 0.3);

        for (int t = 1; t <= 4; t++)
        {
            float[] g = Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f).ToArray();
            adamW.Step(p, g);
            OptimizerAssert.ReferenceAdamStep(reference, g, m, v, null, t, 0.02f, 0.9, 0.95, 1e-6, 0.3, decoupled: true);
        }

        OptimizerAssert.Close(reference, p, 1e-5);
        OptimizerAssert.Close(v, adamW.ExpAvgSq, 1e-5, scale: 0.01);
    }

    [Fact]
    public void Defaults_are_pytorchs()
    {
        var adamW = new AdamW();

        Assert.Equal(1e-3f, adamW.LearningRate);
        Assert.Equal(0.9, adamW.Beta1);
        Assert.Equal(0.999, adamW.Beta2);
        Assert.Equal(1e-8, adamW.Epsilon);
        Assert.Equal(0.01, adamW.WeightDecay);
        Assert.False(adamW.AmsGrad);
    }

    [Fact]
    public void Parameter_and_gradient_lengths_must_match()
    {
        var adamW = new AdamW();

        var error = Assert.Throws<ArgumentException>(() => adamW.Step(new float[2], new float[7]));

        Assert.StartsWith("Parameters and gradients must have the same length; got 2 parameters and 7 gradients.", error.Message);
    }

    [Fact]
    public void Steps_after_the_first_allocate_nothing()
    {
        var adamW = new AdamW(1e-3f, amsGrad: true);
        float[] p = new float[1031];
        float[] g = Enumerable.Range(0, 1031).Select(i => 1f - i * 1e-3f).ToArray();
        adamW.Step(p, g);
        adamW.Step(p, g);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) adamW.Step(p, g);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(p[0] < 0f);
    }
}
