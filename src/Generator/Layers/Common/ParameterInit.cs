using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>Seeded initialization of a layer's parameters: He normal before ReLU, Glorot uniform otherwise; biases zero.</summary>
internal static class ParameterInit
{
    public static void Emit(CodeWriter w, LayerPlan layer, int fanIn, int fanOut)
    {
        string weights = $"parameters.Slice({layer.WeightOffset}, {layer.WeightCount})";
        w.Line(layer.FollowedByReLU
            ? $"WeightInit.HeNormal({weights}, fanIn: {fanIn}, random); // {layer.Name}"
            : $"WeightInit.GlorotUniform({weights}, fanIn: {fanIn}, fanOut: {fanOut}, random); // {layer.Name}");
    }
}
