using CnnCompiler.Samples.Architectures;

namespace CnnCompiler.Architectures.Tests;

/// <summary>ResNet-20's size and its tensor table: torchvision's state_dict keys, shapes and order, laid out without gaps.</summary>
public sealed class ResNet20StructureTests
{
    [Fact]
    public void HasTheParameterCountOfResNet20()
    {
        Assert.Equal(272_474, ResNet20.ParameterCount);
        INetwork network = new ResNet20(1);
        Assert.Equal(272_474, network.ParameterCount);
        Assert.Equal(272_474, network.Parameters.Length);
        Assert.Equal(272_474, network.Tensors.Where(t => t.Store == TensorStore.Parameters).Sum(t => t.Length));
        Assert.Contains("Total params: 272,474", ResNet20.Summary());
    }

    [Fact]
    public void TensorNamesAndShapesAreTorchvisionStateDictKeys()
    {
        var expected = ExpectedStateDict();
        var actual = ((INetwork)new ResNet20(1)).Tensors.Select(t => (t.Name, Shape: string.Join(",", t.Shape))).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("layer2.0.downsample.0.weight", new[] { 32, 16, 1, 1 })]
    [InlineData("layer3.0.downsample.1.running_mean", new[] { 64 })]
    [InlineData("layer1.0.bn1.running_var", new[] { 16 })]
    [InlineData("layer1.0.conv1.weight", new[] { 16, 16, 3, 3 })]
    [InlineData("conv1.weight", new[] { 16, 3, 3, 3 })]
    [InlineData("fc.weight", new[] { 10, 64 })]
    [InlineData("fc.bias", new[] { 10 })]
    [InlineData("bn1.num_batches_tracked", new int[0])]
    public void NamedTensorHasTorchvisionShape(string name, int[] shape)
    {
        TensorInfo tensor = Assert.Single(ResNet20.Tensors, t => t.Name == name);
        Assert.Equal(shape, tensor.Shape);
    }

    [Fact]
    public void TensorsTileParametersAndStateWithoutGaps()
    {
        INetwork network = new ResNet20(1);
        foreach (TensorStore store in new[] { TensorStore.Parameters, TensorStore.State })
        {
            int next = 0;
            foreach (TensorInfo tensor in network.Tensors.Where(t => t.Store == store))
            {
                Assert.True(tensor.Offset == next, $"{tensor.Name} starts at {tensor.Offset}, not right after the previous {store} tensor ({next}).");
                next += tensor.Length;
            }
            Assert.Equal(store == TensorStore.Parameters ? network.Parameters.Length : network.State.Length, next);
        }
        // BatchNorm starts as the identity: γ = 1, β = 0, running variance 1, running mean 0.
        Assert.All(ResNet20.Tensors.Where(t => t.Name.EndsWith("bn1.weight", StringComparison.Ordinal)), t => Assert.All(t.Values(network).ToArray(), v => Assert.Equal(1f, v)));
        Assert.All(ResNet20.Tensors.Where(t => t.Name.EndsWith(".running_var", StringComparison.Ordinal)), t => Assert.All(t.Values(network).ToArray(), v => Assert.Equal(1f, v)));
    }

    /// <summary>torchvision-style ResNet-20 (CIFAR): conv1/bn1 stem, layer1–3 of three BasicBlocks, projection shortcuts as downsample.0/1, fc.</summary>
    private static List<(string Name, string Shape)> ExpectedStateDict()
    {
        var keys = new List<(string, string)>();
        void BatchNorm(string name, int channels)
        {
            keys.Add(($"{name}.weight", $"{channels}"));
            keys.Add(($"{name}.bias", $"{channels}"));
            keys.Add(($"{name}.running_mean", $"{channels}"));
            keys.Add(($"{name}.running_var", $"{channels}"));
            keys.Add(($"{name}.num_batches_tracked", ""));
        }
        keys.Add(("conv1.weight", "16,3,3,3"));
        BatchNorm("bn1", 16);
        int inChannels = 16;
        for (int stage = 1; stage <= 3; stage++)
        {
            int channels = 16 << (stage - 1);
            for (int block = 0; block < 3; block++)
            {
                string prefix = $"layer{stage}.{block}";
                keys.Add(($"{prefix}.conv1.weight", $"{channels},{inChannels},3,3"));
                BatchNorm($"{prefix}.bn1", channels);
                keys.Add(($"{prefix}.conv2.weight", $"{channels},{channels},3,3"));
                BatchNorm($"{prefix}.bn2", channels);
                if (inChannels != channels)
                {
                    keys.Add(($"{prefix}.downsample.0.weight", $"{channels},{inChannels},1,1"));
                    BatchNorm($"{prefix}.downsample.1", channels);
                }
                inChannels = channels;
            }
        }
        keys.Add(("fc.weight", "10,64"));
        keys.Add(("fc.bias", "10"));
        return keys;
    }
}
