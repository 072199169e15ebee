using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A stand-alone activation as the runtime's <c>ActivationLayer&lt;TShape&gt;</c> runs it: one element-wise pass each
/// way over the batch (a copy for the identity a network that ends in a flatten gets).
/// </summary>
/// <param name="Length">Floats per sample.</param>
/// <param name="Function">The activation.</param>
/// <param name="Alpha">LeakyReLU's slope or ELU's α as declared (PyTorch's default when not); 0 for the others, so that their equal layers share one kernel.</param>
internal sealed record ActivationKernel(int Length, ActivationKind Function, float Alpha) : KernelPlan
{
    public override string NameStem => "ActivationKernel";

    public override string Describe() => ForwardDescription + BackwardDescription;

    /// <summary>What the forward does: "element-wise ReLU over the batch".</summary>
    public string ForwardDescription => Function switch
    {
        ActivationKind.None => "identity: a copy, so that the outputs and their gradient have buffers of their own",
        ActivationKind.LeakyReLU or ActivationKind.ELU => $"element-wise {Function} ({Format.FloatAsDouble(Alpha)}) over the batch",
        _ => $"element-wise {Function} over the batch",
    };

    /// <summary>What the backward does, after <see cref="ForwardDescription"/>.</summary>
    private string BackwardDescription => Function switch
    {
        ActivationKind.None => "",
        _ when ActivationLayer.NeedsInput(Function) || Function == ActivationKind.LeakyReLU => "; its derivative from the input x",
        _ => "; its derivative from the output y",
    };

    public override void EmitStruct(CodeWriter w, string name)
    {
        using (w.Block($"public readonly struct {name} : IActivationShape"))
        {
            w.Line($"public static int Length => {Format.Int(Length)};");
            w.Line($"public static Activation Function => Activation.{Function};");
            w.Line($"public static float Alpha => {Format.Float(Alpha)};");
        }
    }

    public static ActivationKernel For(LayerPlan layer)
    {
        ActivationKind function = layer.Decl.Activation;
        float alpha = function is ActivationKind.LeakyReLU or ActivationKind.ELU ? ActivationLayer.Alpha(layer.Decl) : 0f;
        return new ActivationKernel((int)layer.Output.Length, function, alpha);
    }
}
