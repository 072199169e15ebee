using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// Frozen layers: their parameters get no gradient (backward skips that work, and stops at the first trainable layer
/// when the input gradient is not wanted), and TrainStep restores them after the optimizer step, so neither momentum nor
/// weight decay moves them.
/// </summary>
internal static class FreezingEmitter
{
    public static void EmitFields(CodeWriter w, NetworkPlan network)
    {
        string declared = string.Join(", ", network.Layers.Select(l => l.DeclaredFrozen && l.ParameterCount > 0 ? "true" : "false"));
        w.Line("/// <summary>Per layer (in <see cref=\"LayerList\"/> order): whether its parameters are frozen.</summary>");
        w.Line($"private readonly bool[] _frozen = [{declared}];");
        w.Line("/// <summary>The first layer with trainable parameters: backward stops there unless the input gradient is wanted.</summary>");
        w.Line("private int _firstTrainable;");
        w.Line("private float[]? _frozenBackup;");
    }

    public static void EmitMembers(CodeWriter w, NetworkPlan network)
    {
        string name = network.Type.Name;
        w.Line("/// <summary>");
        w.Line("/// Freezes (or unfreezes) the layer named <paramref name=\"layer\"/>, or every part of a composite (\"layer1.0\" covers");
        w.Line("/// \"layer1.0.conv1\", …): training then leaves its parameters bitwise unchanged. Throws if no layer has that name.");
        w.Line("/// </summary>");
        using (w.Block("public void SetFrozen(string layer, bool frozen = true)"))
        {
            w.Line("ArgumentNullException.ThrowIfNull(layer);");
            w.Line("bool found = false;");
            using (w.Block("for (int i = 0; i < LayerList.Count; i++)"))
            {
                w.Line("string candidate = LayerList[i].Name;");
                w.Line("if (candidate != layer && !candidate.StartsWith(layer + \".\", StringComparison.Ordinal)) continue;");
                w.Line("found = true;");
                w.Line("_frozen[i] = frozen && LayerList[i].ParameterCount > 0;");
            }
            w.Line($"if (!found) throw new ArgumentException($\"{name} has no layer named '{{layer}}'; see LayerList for the names.\", nameof(layer));");
            w.Line("UpdateFirstTrainable();");
        }
        w.Line();
        w.Line("/// <summary>Whether every parameter layer named <paramref name=\"layer\"/> (or inside it) is frozen.</summary>");
        using (w.Block("public bool IsFrozen(string layer)"))
        {
            w.Line("ArgumentNullException.ThrowIfNull(layer);");
            w.Line("bool any = false;");
            using (w.Block("for (int i = 0; i < LayerList.Count; i++)"))
            {
                w.Line("string candidate = LayerList[i].Name;");
                w.Line("if ((candidate != layer && !candidate.StartsWith(layer + \".\", StringComparison.Ordinal)) || LayerList[i].ParameterCount == 0) continue;");
                w.Line("if (!_frozen[i]) return false;");
                w.Line("any = true;");
            }
            w.Line("return any;");
        }
        w.Line();
        using (w.Block("private void UpdateFirstTrainable()"))
        {
            w.Line("_firstTrainable = LayerList.Count;");
            using (w.Block("for (int i = LayerList.Count - 1; i >= 0; i--)"))
            {
                w.Line("if (LayerList[i].ParameterCount > 0 && !_frozen[i]) _firstTrainable = i;");
            }
        }
        w.Line();
        w.Line("/// <summary>Copies frozen layers' parameters aside before an optimizer step (restore: the other way), so the step cannot move them.</summary>");
        using (w.Block("private void CopyFrozenParameters(bool restore)"))
        {
            w.Line("if (_firstTrainable == 0 && Array.IndexOf(_frozen, true) < 0) return;");
            w.Line("_frozenBackup ??= new float[ParameterCount];");
            w.Line("// Each layer's parameters follow the previous layer's: a loop over the layer table, not one test per layer, so that this method does not grow with the network.");
            w.Line("int offset = 0;");
            using (w.Block("for (int i = 0; i < LayerList.Count; i++)"))
            {
                w.Line("int length = LayerList[i].ParameterCount;");
                using (w.Block("if (_frozen[i])"))
                {
                    w.Line("Span<float> live = _parameters.AsSpan(offset, length), kept = _frozenBackup.AsSpan(offset, length);");
                    w.Line("if (restore) kept.CopyTo(live); else live.CopyTo(kept);");
                }
                w.Line("offset += length;");
            }
        }
    }
}
