using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>One named tensor of a layer as PyTorch's state_dict has it: its role (weight, bias, running_mean, …), where its values are and its shape.</summary>
/// <param name="Role">The part of the name after the layer's: weight, bias, running_mean, running_var, num_batches_tracked.</param>
/// <param name="Store">Parameters or State.</param>
/// <param name="Offset">The first value's index in that buffer.</param>
/// <param name="Shape">The tensor's shape (empty for a scalar).</param>
internal sealed record TensorSpec(string Role, string Store, int Offset, EquatableArray<int> Shape)
{
    /// <summary>A layer's weight (and bias, when it has one) in the parameters, the weight with <paramref name="weightShape"/>.</summary>
    public static System.Collections.Generic.IEnumerable<TensorSpec> WeightAndBias(LayerPlan layer, params int[] weightShape)
    {
        if (layer.WeightCount > 0) yield return new TensorSpec("weight", "Parameters", layer.WeightOffset, EquatableArray.From(weightShape));
        if (layer.BiasCount > 0) yield return new TensorSpec("bias", "Parameters", layer.BiasOffset, EquatableArray.From(layer.BiasCount));
    }
}
