using System;

namespace CnnCompiler
{
    /// <summary>
    /// The loss, last: softmax over the previous layer's outputs (the logits) and cross-entropy against integer class labels,
    /// averaged over the batch as <c>nn.CrossEntropyLoss</c>. <c>Predict</c> returns the softmax probabilities.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SoftmaxCrossEntropyAttribute : LayerAttribute
    {
    }
}
