using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Support;

namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// Gradients of the layers whose training pass differs from inference (BatchNorm's batch statistics), of residual
/// paths, global pooling, ELU/GELU and the float-target losses, against finite differences of the training-mode loss
/// (the value ComputeGradients returns), on grid data so every perturbation is exact in float.
/// </summary>
public sealed class TrainingModeGradientTests
{
    private const int BatchSize = 3;
    private const double Step = 1.0 / 64;

    public static TheoryData<string> Classifiers => ["ConvBatchNormTanh", "DenseBatchNormElu", "IdentityResidual", "ProjectionResidualGelu"];

    private static IClassifier CreateClassifier(string name) => name switch
    {
        "ConvBatchNormTanh" => new ConvBatchNormTanh(1),
        "DenseBatchNormElu" => new DenseBatchNormElu(1),
        "IdentityResidual" => new IdentityResidual(1),
        _ => new ProjectionResidualGelu(1),
    };

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void Classifier_backward_matches_finite_differences_of_the_training_loss(string name)
    {
        IClassifier net = CreateClassifier(name);
        net.Threads = 1;
        var random = new SeededRandom((ulong)name.Length);
        FillGrid(net.Parameters, random, 1.0);
        float[] inputs = new float[BatchSize * net.InputLength];
        FillGrid(inputs, random, 1.0);
        int[] labels = [0, 1, 2];
        net.ComputeGradients(inputs, labels);
        float[] analytic = net.Gradients.ToArray();
        foreach (TensorInfo tensor in net.Tensors.Where(t => t.Store == TensorStore.Parameters))
        {
            int[] indices = GradientCheck.Indices(analytic.AsSpan(tensor.Offset, tensor.Length), seed: tensor.Offset + 7);
            double[] numeric = indices.Select(i => GradientCheck.Derivative(net.Parameters, tensor.Offset + i, Step, () => net.ComputeGradients(inputs, labels))).ToArray();
            GradientCheck.AssertMatches($"{name} {tensor.Name}", analytic.AsSpan(tensor.Offset, tensor.Length), indices, numeric);
        }
        // Two threads share BatchNorm's batch statistics, so they give the same gradient as one.
        net.Threads = 2;
        net.ComputeGradients(inputs, labels);
        float[] parallel = net.Gradients.ToArray();
        for (int i = 0; i < analytic.Length; i++) Assert.True(Math.Abs(parallel[i] - analytic[i]) <= 1e-5 * (1 + Math.Abs(analytic[i])), $"{name}: parameter {i} is {parallel[i]} with 2 threads, {analytic[i]} with 1");
    }

    [Fact]
    public void Mean_squared_error_backward_matches_finite_differences()
    {
        var net = new SigmoidMse(1);
        CheckRegressor(net, "SigmoidMse", random => (float)(random.NextInt(129) - 64) / 64);
    }

    [Fact]
    public void Binary_cross_entropy_backward_matches_finite_differences()
    {
        var net = new TanhBce(1);
        CheckRegressor(net, "TanhBce", random => random.NextInt(2));
    }

    [Fact]
    public void Dropout_reuses_its_mask_in_backward_and_does_nothing_in_inference()
    {
        var net = new DropoutDense(1) { Threads = 1 };
        var random = new SeededRandom(11);
        FillGrid(net.Parameters, random, 0.5);
        var inputs = new float[64 * DropoutDense.InputLength];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = 1f + random.NextInt(64) / 64f; // never zero
        int[] labels = Enumerable.Range(0, 64).Select(i => i % 2).ToArray();
        var inputGradients = new float[inputs.Length];
        net.ComputeGradients(inputs, labels, inputGradients);
        // dx = dy · mask: a dropped value gets exactly zero gradient, a kept one the kept gradient scaled by 2.
        int zeros = inputGradients.Count(g => g == 0f);
        Assert.InRange(zeros, inputs.Length * 3 / 8, inputs.Length * 5 / 8);
        // Inference ignores dropout: the output equals softmax(W · x + b) computed by hand.
        var outputs = new float[2];
        net.Predict(inputs.AsSpan(0, DropoutDense.InputLength), outputs);
        double[] logits = new double[2];
        for (int o = 0; o < 2; o++)
        {
            logits[o] = net.Parameters[32 + o];
            for (int i = 0; i < 16; i++) logits[o] += net.Parameters[o * 16 + i] * inputs[i];
        }
        double max = logits.Max();
        double sum = logits.Sum(z => Math.Exp(z - max));
        for (int o = 0; o < 2; o++) Assert.Equal(Math.Exp(logits[o] - max) / sum, outputs[o], 5);
    }

    private static void CheckRegressor(IRegressor net, string name, Func<SeededRandom, float> target)
    {
        net.Threads = 1;
        var random = new SeededRandom(5);
        FillGrid(net.Parameters, random, 0.5);
        float[] inputs = new float[BatchSize * net.InputLength];
        FillGrid(inputs, random, 1.0);
        float[] targets = Enumerable.Range(0, BatchSize * net.OutputLength).Select(_ => target(random)).ToArray();
        float loss = net.ComputeGradients(inputs, targets);
        Assert.Equal(net.ComputeLoss(inputs, targets), loss, 5);
        float[] analytic = net.Gradients.ToArray();
        int[] indices = Enumerable.Range(0, analytic.Length).ToArray();
        double[] numeric = indices.Select(i => GradientCheck.Derivative(net.Parameters, i, Step, () => net.ComputeLoss(inputs, targets))).ToArray();
        GradientCheck.AssertMatches(name, analytic, indices, numeric);
    }

    /// <summary>Values k/64 with |value| ≤ <paramref name="limit"/>, so ±1/64 and ±2/64 steps are exact in float.</summary>
    private static void FillGrid(Span<float> values, SeededRandom random, double limit)
    {
        int range = (int)(limit * 64);
        for (int i = 0; i < values.Length; i++) values[i] = (random.NextInt(2 * range + 1) - range) / 64f;
    }
}

/// <summary>
/// Training fuses a ReLU into the BatchNorm before it; inference and feature maps keep them apart, so the BatchNorm's
/// own output (negative values included) is still what ComputeActivations returns after a training step.
/// </summary>
public sealed class FusedReLUFeatureMapTests
{
    [Fact]
    public void BatchNorm_feature_maps_keep_their_negative_values_after_training()
    {
        IClassifier net = new CnnCompiler.Numerics.Tests.PyTorch.PtBatchNormConv { Threads = 2 };
        var random = new Random(3);
        float[] inputs = Enumerable.Range(0, 4 * net.InputLength).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        net.ComputeGradients(inputs, [0, 1, 2, 0]);
        string norm = net.LayerList.First(l => l.Kind == "BatchNorm").Name;
        string relu = net.LayerList.First(l => l.Kind == "ReLU").Name;
        var normalized = new float[net.LayerList.First(l => l.Name == norm).OutputShape.Aggregate(1, (a, b) => a * b)];
        var rectified = new float[normalized.Length];
        net.ComputeActivations(norm, inputs.AsSpan(0, net.InputLength), normalized);
        net.ComputeActivations(relu, inputs.AsSpan(0, net.InputLength), rectified);
        Assert.Contains(normalized, v => v < 0f);
        for (int i = 0; i < normalized.Length; i++) Assert.Equal(Math.Max(normalized[i], 0f), rectified[i]);
    }
}
