namespace CnnCompiler;

/// <summary>What <see cref="INetwork.Predict"/> applies to the raw outputs (<see cref="INetwork.PredictLogits"/>), as the network's loss fixes it.</summary>
public enum OutputFunction
{
    /// <summary>Nothing: Predict returns the raw outputs (mean squared error).</summary>
    Identity,

    /// <summary>Softmax over each sample's outputs: class probabilities (softmax cross-entropy).</summary>
    Softmax,

    /// <summary>The logistic sigmoid of each output: independent probabilities (binary cross-entropy on logits).</summary>
    Sigmoid,
}
