using CnnCompiler.CompilerServices;
using CnnCompiler.Numerics.Tests.Networks;

namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// The raw network output, as a PyTorch module's forward returns it: PredictLogits at inference, and the training-mode
/// logits that ComputeGradients hands back. Predict is the loss's view of the same numbers.
/// </summary>
public sealed class LogitsTests
{
    private static float[] Inputs(int count, int length, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[count * length];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(random.NextDouble() * 2 - 1);
        return inputs;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(40, 2)]
    public void Softmax_of_the_logits_is_Predict_bitwise_on_one_or_several_threads(int count, int threads)
    {
        var net = new LeNet5(7) { Threads = threads };
        float[] inputs = Inputs(count, LeNet5.InputLength, count);
        var logits = new float[count * LeNet5.OutputLength];
        var probabilities = new float[logits.Length];
        net.PredictLogits(inputs, logits);
        net.Predict(inputs, probabilities);
        var expected = new float[logits.Length];
        SoftmaxCrossEntropyKernels.Forward(logits, default, expected, LeNet5.OutputLength);
        Assert.Equal(expected, probabilities);
        // Logits are not probabilities: they are the last dense layer's output, which ComputeActivations also gives.
        var last = new float[LeNet5.OutputLength];
        net.ComputeActivations("dense3", inputs.AsSpan(0, LeNet5.InputLength), last);
        Assert.Equal(last, logits.AsSpan(0, LeNet5.OutputLength).ToArray());
    }

    [Fact]
    public void Regressors_give_raw_outputs_and_sigmoid_probabilities()
    {
        var mse = new SigmoidMse(3);
        float[] inputs = Inputs(5, SigmoidMse.InputLength, 1);
        var logits = new float[5 * SigmoidMse.OutputLength];
        var outputs = new float[logits.Length];
        mse.PredictLogits(inputs, logits);
        mse.Predict(inputs, outputs);
        Assert.Equal(logits, outputs);

        var bce = new TanhBce(3);
        inputs = Inputs(5, TanhBce.InputLength, 2);
        logits = new float[5 * TanhBce.OutputLength];
        outputs = new float[logits.Length];
        bce.PredictLogits(inputs, logits);
        bce.Predict(inputs, outputs);
        for (int i = 0; i < logits.Length; i++) Assert.Equal(1 / (1 + MathF.Exp(-logits[i])), outputs[i], 6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Without_BatchNorm_or_dropout_the_training_logits_equal_PredictLogits_bitwise(int threads)
    {
        var net = new LeNet5(11) { Threads = threads };
        const int Count = 10;
        float[] inputs = Inputs(Count, LeNet5.InputLength, 5);
        int[] labels = Enumerable.Range(0, Count).Select(i => i % 10).ToArray();
        var training = new float[Count * LeNet5.OutputLength];
        var inference = new float[training.Length];
        float loss = net.ComputeGradients(inputs, labels, default, training);
        net.PredictLogits(inputs, inference);
        Assert.Equal(inference, training);
        Assert.Equal(net.ComputeLoss(inputs, labels), loss, 5);
    }

    [Fact]
    public void With_BatchNorm_the_training_logits_use_batch_statistics_and_the_same_on_two_threads()
    {
        var net = new ConvBatchNormTanh(2) { Threads = 1 };
        const int Count = 6;
        float[] inputs = Inputs(Count, ConvBatchNormTanh.InputLength, 9);
        int[] labels = Enumerable.Range(0, Count).Select(i => i % 3).ToArray();
        float[] state = net.State.ToArray();
        var oneThread = new float[Count * ConvBatchNormTanh.OutputLength];
        net.ComputeGradients(inputs, labels, default, oneThread);
        var inference = new float[oneThread.Length];
        state.CopyTo(net.State);
        net.PredictLogits(inputs, inference);
        Assert.NotEqual(inference, oneThread);

        state.CopyTo(net.State);
        net.Threads = 2;
        var twoThreads = new float[oneThread.Length];
        net.ComputeGradients(inputs, labels, default, twoThreads);
        // The workers share the batch statistics, summed in another order: equal to rounding.
        for (int i = 0; i < oneThread.Length; i++) Assert.True(Math.Abs(oneThread[i] - twoThreads[i]) <= 1e-5f * (1 + Math.Abs(oneThread[i])), $"logit {i}: {twoThreads[i]} on two threads, {oneThread[i]} on one");
    }

    [Fact]
    public void Wrong_lengths_name_the_logits_argument_and_change_nothing()
    {
        var net = new LeNet5(1);
        float[] inputs = Inputs(2, LeNet5.InputLength, 3);
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>("logits", () => net.PredictLogits(inputs, new float[19]));
        Assert.Contains("20", error.Message);
        error = Assert.Throws<ArgumentException>("logits", () => net.ComputeGradients(inputs, [1, 2], default, new float[21]));
        Assert.Contains("20", error.Message);
        Assert.Equal(before, net.Parameters.ToArray());
        Assert.True(net.Gradients.ToArray().All(g => g == 0));
    }

    /// <summary>Generic code reaches everything through the interfaces: the summary, state size, both gradient overloads.</summary>
    [Fact]
    public void Generic_code_reaches_the_summary_and_every_gradient_overload_through_the_interfaces()
    {
        IClassifier classifier = new ConvBatchNormTanh(4) { Threads = 1 };
        Assert.Equal(ConvBatchNormTanh.Summary(), classifier.Summary());
        Assert.Equal(ConvBatchNormTanh.StateCount, classifier.StateCount);
        Assert.True(classifier.StateCount > 0);
        float[] inputs = Inputs(3, classifier.InputLength, 4);
        var inputGradients = new float[inputs.Length];
        float loss = classifier.ComputeGradients(inputs, [0, 1, 2], inputGradients);
        Assert.True(float.IsFinite(loss));
        Assert.Contains(inputGradients, g => g != 0);

        IRegressor regressor = new SigmoidMse(1);
        float[] regressorInputs = Inputs(2, regressor.InputLength, 6);
        float[] targets = new float[2 * regressor.OutputLength];
        var logits = new float[targets.Length];
        regressor.ComputeGradients(regressorInputs, targets, default, logits);
        var predicted = new float[targets.Length];
        regressor.PredictLogits(regressorInputs, predicted);
        Assert.Equal(predicted, logits);
    }
}
