using CnnCompiler.Generator.Emit;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// What analysis decided about how a layer runs: every constant of the runtime kernel the layer calls (its shapes, fused
/// activation, strategies and tile sizes), recorded in the plan. Layers whose kernel plans are equal share one emitted
/// kernel struct, and a test can read a layer's strategy here without looking at generated code. Each kind's plan
/// writes its own struct.
/// </summary>
internal abstract record KernelPlan
{
    /// <summary>The stem of the kernel struct's name (numbered per stem in order of first use: DenseKernel1, …).</summary>
    public abstract string NameStem { get; }

    /// <summary>What the kernel does, for the struct's summary and the layers' headers.</summary>
    public abstract string Describe();

    /// <summary>The kernel struct <paramref name="name"/>, implementing the runtime kernel's shape interface with every constant.</summary>
    public abstract void EmitStruct(CodeWriter w, string name);

    protected static string Bool(bool value) => value ? "true" : "false";
}
