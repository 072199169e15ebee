namespace CnnCompiler.Training.Tests.Support;

/// <summary>Networks with a few training steps behind them, so that weights, BatchNorm statistics and counts are not their initial values.</summary>
internal static class TrainedNetworks
{
    public static TinyBatchNormNet BatchNorm(int seed = 1, int steps = 3)
    {
        var network = new TinyBatchNormNet(seed) { Threads = 1 };
        Train(network, steps);
        return network;
    }

    public static TinyNet Tiny(int seed = 1, int steps = 3)
    {
        var network = new TinyNet(seed) { Threads = 1 };
        Train(network, steps);
        return network;
    }

    private static void Train(IClassifier network, int steps)
    {
        Dataset data = SyntheticData.Bars(16, seed: 5);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        for (int i = 0; i < steps; i++) network.TrainStep(data.Samples, data.Labels, optimizer);
    }
}
