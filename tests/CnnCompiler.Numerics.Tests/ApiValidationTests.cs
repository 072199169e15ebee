using System.Text.RegularExpressions;
using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Support;

namespace CnnCompiler.Numerics.Tests;

/// <summary>Bad arguments at the generated API fail fast with messages that give the numbers; failures leave the network intact.</summary>
public class ApiValidationTests
{
    private const int Input = LeNet5.InputLength; // 784
    private readonly LeNet5 _network = new(1);

    [Theory]
    [InlineData(783)]
    [InlineData(785)]
    [InlineData(2 * Input - 1)]
    [InlineData(0)]
    public void Inputs_that_are_not_whole_samples_are_rejected(int length)
    {
        var inputs = new float[length];
        var outputs = new float[LeNet5.OutputLength];
        AssertNamesNumbers(Assert.Throws<ArgumentException>("inputs", () => _network.Predict(inputs, outputs)), Input, length);
        AssertNamesNumbers(Assert.Throws<ArgumentException>("inputs", () => _network.Classify(inputs, new int[1])), Input, length);
        AssertNamesNumbers(Assert.Throws<ArgumentException>("inputs", () => _network.ComputeLoss(inputs, [0])), Input, length);
        AssertNamesNumbers(Assert.Throws<ArgumentException>("inputs", () => _network.ComputeGradients(inputs, [0])), Input, length);
        AssertNamesNumbers(Assert.Throws<ArgumentException>("inputs", () => _network.TrainStep(inputs, [0], new Sgd(0.1f))), Input, length);
        AssertNamesNumbers(Assert.Throws<ArgumentException>("input", () => _network.Classify(inputs)), Input, length);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(31)]
    [InlineData(0)]
    public void Outputs_of_the_wrong_length_are_rejected(int length)
    {
        var inputs = new float[3 * Input];
        var outputs = new float[length];
        AssertNamesNumbers(Assert.Throws<ArgumentException>("outputs", () => _network.Predict(inputs, outputs)), 30, length);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void Labels_that_do_not_match_the_samples_are_rejected(int labelCount)
    {
        var inputs = new float[5 * Input];
        var labels = new int[labelCount];
        AssertNamesNumbers(Assert.Throws<ArgumentException>("labels", () => _network.Classify(inputs, labels)), 5, labelCount);
        AssertNamesNumbers(Assert.Throws<ArgumentException>("labels", () => _network.ComputeLoss(inputs, labels)), 5, labelCount);
        AssertNamesNumbers(Assert.Throws<ArgumentException>("labels", () => _network.ComputeGradients(inputs, labels)), 5, labelCount);
        AssertNamesNumbers(Assert.Throws<ArgumentException>("labels", () => _network.TrainStep(inputs, labels, new Sgd(0.1f))), 5, labelCount);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    public void Labels_outside_the_classes_are_rejected(int label)
    {
        var inputs = new float[3 * Input];
        int[] labels = [0, label, 9];
        float[] before = _network.Parameters.ToArray();
        foreach (Action call in new Action[]
        {
            () => _network.ComputeLoss(inputs, labels),
            () => _network.ComputeGradients(inputs, labels),
            () => _network.ComputeGradients(inputs, labels, new float[inputs.Length]),
            () => _network.TrainStep(inputs, labels, new Sgd(0.1f)),
        })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>("labels", call);
            Assert.Equal(label, error.ActualValue);
            AssertNamesNumbers(error, label, 9); // the bad label and the largest class index
        }
        Assert.Equal(Numeric.Bits(before), Numeric.Bits(_network.Parameters));
    }

    [Fact]
    public void Input_gradients_of_the_wrong_length_are_rejected()
    {
        var inputs = new float[2 * Input];
        var error = Assert.Throws<ArgumentException>("inputGradients", () => _network.ComputeGradients(inputs, [1, 2], new float[Input]));
        AssertNamesNumbers(error, 2 * Input, Input);
    }

    [Fact]
    public void A_NaN_loss_throws_and_leaves_the_parameters_unchanged()
    {
        var random = new Random(11);
        var inputs = new float[4 * Input];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        int[] labels = [3, 1, 4, 1];
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        _network.TrainStep(inputs, labels, optimizer); // the optimizer now holds momentum

        float original = _network.Parameters[LeNet5.ParameterCount - 1];
        _network.Parameters[LeNet5.ParameterCount - 1] = float.NaN; // the last bias of the last layer
        int[] before = Numeric.Bits(_network.Parameters);
        float[] momentum = optimizer.MomentumBuffer.ToArray();
        long steps = optimizer.StepCount;

        var error = Assert.Throws<InvalidOperationException>(() => _network.TrainStep(inputs, labels, optimizer));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Numeric.Bits(_network.Parameters));
        Assert.Equal(steps, optimizer.StepCount);
        Assert.Equal(Numeric.Bits(momentum), Numeric.Bits(optimizer.MomentumBuffer));

        // The failed step left nothing locked: with the value restored, training goes on.
        _network.Parameters[LeNet5.ParameterCount - 1] = original;
        Assert.True(float.IsFinite(_network.TrainStep(inputs, labels, optimizer)));
    }

    [Fact]
    public void A_NaN_input_throws_and_leaves_the_parameters_unchanged()
    {
        var inputs = new float[2 * Input];
        inputs[Input + 100] = float.NaN;
        int[] before = Numeric.Bits(_network.Parameters);
        ArgumentException error = Assert.Throws<ArgumentException>(() => _network.TrainStep(inputs, [0, 1], new Sgd(0.05f)));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Numeric.Bits(_network.Parameters));
    }

    [Fact]
    public void Concurrent_Predict_gives_the_single_threaded_results()
    {
        const int Samples = 70; // more than one inference chunk of 64
        var random = new Random(13);
        var inputs = new float[Samples * Input];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        var expected = new float[Samples * LeNet5.OutputLength];
        _network.Predict(inputs, expected);
        int[] expectedBits = Numeric.Bits(expected);
        var expectedSingle = new int[Samples][];
        for (int n = 0; n < Samples; n++)
        {
            var single = new float[LeNet5.OutputLength];
            _network.Predict(inputs.AsSpan(n * Input, Input), single);
            expectedSingle[n] = Numeric.Bits(single);
        }

        using var start = new Barrier(4);
        var mismatches = new int[4];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var outputs = new float[Samples * LeNet5.OutputLength];
            var single = new float[LeNet5.OutputLength];
            start.SignalAndWait();
            for (int round = 0; round < 10; round++)
            {
                _network.Predict(inputs, outputs);
                if (!Numeric.Bits(outputs).AsSpan().SequenceEqual(expectedBits)) mismatches[t]++;
                int n = (round * 7 + t) % Samples;
                _network.Predict(inputs.AsSpan(n * Input, Input), single);
                if (!Numeric.Bits(single).AsSpan().SequenceEqual(expectedSingle[n])) mismatches[t]++;
            }
        })).ToArray();
        foreach (Thread thread in threads) thread.Start();
        foreach (Thread thread in threads) thread.Join();
        Assert.Equal([0, 0, 0, 0], mismatches);
    }

    /// <summary>The message names each number (as a whole number, so "78" does not match "784").</summary>
    private static void AssertNamesNumbers(ArgumentException error, params int[] numbers)
    {
        foreach (int number in numbers)
        {
            string pattern = $@"(?<![\d.,]){Regex.Escape(number.ToString(System.Globalization.CultureInfo.InvariantCulture))}(?![\d.,]\d|\d)";
            Assert.True(Regex.IsMatch(error.Message, pattern), $"The message should name {number}: {error.Message}");
        }
    }
}
