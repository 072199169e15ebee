using CnnCompiler.Generator.Emit;
using System;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Kernels written once for either vector width. Where a full 512-bit vector fits the shapes, a kernel is emitted
/// twice: the 256-bit method, which starts by calling its twin <c>{method}Wide</c> when <c>Vector512</c> is
/// accelerated (a JIT-time constant, so each machine compiles one path and <c>DOTNET_EnableAVX512=0</c> keeps the
/// 256-bit code), then the twin. On Intel's AVX-512 cores a 512-bit FMA does twice the work of a 256-bit one; on Zen 4
/// the two run at the same rate.
/// </summary>
internal static class WideTwins
{
    /// <summary>Floats in a <c>Vector256</c>.</summary>
    public const int Lanes = 8;

    /// <summary>Floats in a <c>Vector512</c>.</summary>
    public const int WideLanes = 16;

    /// <summary>The vector type name for <paramref name="lanes"/> floats: Vector128, Vector256 or Vector512.</summary>
    public static string Vector(int lanes) => $"Vector{lanes * 32}";

    /// <summary>
    /// Emits <paramref name="method"/> and, when <paramref name="wide"/>, its twin: <paramref name="emitOne"/>(name,
    /// comment, lanes, twin) writes one method, and <c>twin</c> (the name to dispatch to, or null) goes to
    /// <see cref="EmitDispatch"/> as the method's first lines.
    /// </summary>
    public static void Emit(CodeWriter w, string method, string comment, bool wide, Action<string, string, int, string?> emitOne)
    {
        emitOne(method, comment, Lanes, wide ? method + "Wide" : null);
        if (!wide) return;
        w.Line();
        emitOne(method + "Wide", comment + " (512-bit vectors)", WideLanes, null);
    }

    /// <summary>A method's first lines when it has a twin: call the twin with <paramref name="arguments"/> and return.</summary>
    public static void EmitDispatch(CodeWriter w, string? twin, string arguments)
    {
        if (twin is null) return;
        using (w.Block("if (Vector512.IsHardwareAccelerated)"))
        {
            w.Line($"{twin}({arguments});");
            w.Line("return;");
        }
    }
}
