using CnnCompiler.Numerics.Tests.Networks;

namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// LeNet-5's conv2 puts output channels in vector lanes and keeps its transposed weights in the inference workspace
/// between calls, redoing them only when the weights differ from the copy they were made from. Every write to
/// <c>Parameters</c> between two Predict calls must show in the second one: checked against a fresh network (a new
/// workspace, nothing cached) holding the same parameters.
/// </summary>
public sealed class ChannelForwardCacheTests
{
    [Fact]
    public void Predict_sees_every_change_of_the_transposed_weights()
    {
        var net = new LeNet5(seed: 5);
        var random = new Random(21);
        float[] image = Enumerable.Range(0, LeNet5.InputLength).Select(_ => (float)random.NextDouble()).ToArray();
        var output = new float[LeNet5.OutputLength];
        net.Predict(image, output); // fills the cache
        TensorInfo weight = ((INetwork)net).Tensors.Single(t => t.Name == "conv2.weight");
        TensorInfo bias = ((INetwork)net).Tensors.Single(t => t.Name == "conv2.bias");

        // One weight in the middle, the last one, a sign flip of zero (bitwise different, numerically equal), the bias, and all of them.
        Action[] edits =
        [
            () => net.Parameters[weight.Offset + weight.Length / 2] += 0.5f,
            () => net.Parameters[weight.Offset + weight.Length - 1] = -3f,
            () => net.Parameters[weight.Offset + 7] = -0f,
            () => net.Parameters[bias.Offset + 15] = 2f,
            () => { for (int i = 0; i < weight.Length; i++) net.Parameters[weight.Offset + i] *= -1f; },
        ];
        foreach (Action edit in edits)
        {
            edit();
            net.Predict(image, output);
            var fresh = new LeNet5(seed: 1);
            net.Parameters.CopyTo(fresh.Parameters);
            var expected = new float[LeNet5.OutputLength];
            fresh.Predict(image, expected);
            Assert.Equal(expected, output);
        }
    }
}
