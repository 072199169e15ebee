using CnnCompiler.Generator.Layers;
using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit;

/// <summary>
/// The network's definition for the runtime: a file-local struct implementing <c>INetworkDefinition</c> with the
/// network's sizes, its layer and tensor tables, the initialization, the workspace, the forward and backward passes
/// and one nested class per layer. The runtime's <c>Network</c> is generic over it, so every call into it is direct.
/// </summary>
internal static class DefinitionEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan network)
    {
        var loss = new LossApi(network.Loss);
        var chunks = new LayerChunks(network);
        string self = RuntimeNames.Definition;
        w.Line($"/// <summary>{NetworkEmitter.Xml(network.Type.Name)} for the runtime: sizes, layer and tensor tables, initialization, workspace, and the passes.</summary>");
        using (w.Block($"file readonly struct {self} : INetworkDefinition"))
        {
            w.Line($"public static string Name => \"{network.Type.Name}\";");
            w.Line($"public static int InputLength => {Format.Int(network.Input.Length)};");
            w.Line($"public static int OutputLength => {Format.Int(network.Output.Length)};");
            w.Line($"public static int ParameterCount => {Format.Int(network.ParameterCount)};");
            w.Line($"public static int StateCount => {Format.Int(network.StateCount)};");
            w.Line($"public static ReadOnlySpan<int> InputShape => new int[] {{ {string.Join(", ", network.Input.Dims)} }};");
            bool anyFrozen = network.Layers.Any(l => l.DeclaredFrozen && l.ParameterCount > 0);
            string frozen = anyFrozen
                ? "new bool[] { " + string.Join(", ", network.Layers.Select(l => l.DeclaredFrozen && l.ParameterCount > 0 ? "true" : "false")) + " }"
                : $"new bool[{network.Layers.Count}]";
            w.Line("/// <summary>Per layer (in <see cref=\"LayerList\"/> order): whether its declaration starts it frozen.</summary>");
            w.Line($"public static ReadOnlySpan<bool> DeclaredFrozen => {frozen};");
            // The table of the class's documentation, formatted by the runtime from LayerList (SummaryTable writes the same).
            w.Line($"public static string Summary => Tables.Summary(Name, InputShape, LayerList, \"{network.Loss}\", OutputLength, ParameterCount, {Format.Int(network.Flops)});");
            w.Line();
            w.Line("/// <summary>The runtime network behind the generated class's field.</summary>");
            w.Line($"public static Network<{self}, {loss.RuntimeLoss}, {loss.TargetType}> Network(CompiledNetwork network) => Network<{self}, {loss.RuntimeLoss}, {loss.TargetType}>.Of(network);");
            w.Line();
            w.Line("public static global::CnnCompiler.CompilerServices.Workspace CreateWorkspace(int capacity, bool training, float[] state) => new Workspace(capacity, training, state);");
            w.Line();
            InspectionEmitter.Emit(w, network);
            w.Line();
            TensorTableEmitter.Emit(w, network);
            w.Line();
            EmitInitialization(w, network, chunks);
            w.Line();
            PassEmitter.Emit(w, network);
        }
        // The workspace, the kernel structs and the layers are file-local types of their own beside the definition
        // (one indentation level less than nested ones: this is most of the file).
        w.Line();
        WorkspaceEmitter.Emit(w, network);
        w.Line();
        KernelStructs.Emit(w, network);
        w.Line();
        foreach (string line in LayerDescription.LayersComment) w.Line(line);
        using (w.Block("file static class Layers"))
        {
            var emitted = new HashSet<string>(System.StringComparer.Ordinal);
            for (int i = 0; i < network.Layers.Count; i++)
            {
                LayerPlan layer = network.Layers[i];
                if (!emitted.Add(layer.ClassName)) continue;
                if (i > 0) w.Line();
                if (layer.ClassName != layer.Identifier)
                {
                    List<LayerPlan> sharing = network.Layers.Where(l => l.ClassName == layer.ClassName).ToList();
                    LayerDescription.EmitSharedHeader(w, sharing, sharing.Any(l => l.FusedIntoPrevious) ? " (in training, the layer before each applies it in its passes)" : "");
                }
                LayerKinds.For(layer).EmitLayerClass(w, layer);
            }
        }
    }

    private static void EmitInitialization(CodeWriter w, NetworkPlan network, LayerChunks chunks)
    {
        w.Line("/// <summary>Seeded initial parameters and state: He normal before ReLU, Glorot uniform otherwise, zero biases, BatchNorm γ = 1, β = 0, running variance 1.</summary>");
        using (w.Block($"public static void Initialize(Span<float> parameters, Span<float> state, {RuntimeNames.SeededRandom} random)"))
        {
            if (chunks.IsSplit)
            {
                w.Line(LayerChunks.Comment);
                foreach (LayerRange range in InitializedRanges(chunks)) w.Line($"Initialize{range.Suffix}(parameters, state, random);");
            }
            else
            {
                EmitInitialization(w, network.Layers);
            }
        }
        if (!chunks.IsSplit) return;
        foreach (LayerRange range in InitializedRanges(chunks))
        {
            w.Line();
            w.Line($"/// <summary>The initial parameters and state of layers {range.First} to {range.Last} ({NetworkEmitter.Xml(chunks.Names(range))}), drawn from <paramref name=\"random\"/> in layer order.</summary>");
            using (w.Block($"private static void Initialize{range.Suffix}(Span<float> parameters, Span<float> state, {RuntimeNames.SeededRandom} random)"))
            {
                EmitInitialization(w, chunks.LayersOf(range));
            }
        }
    }

    /// <summary>Statements that initialize the parameters and state of <paramref name="layers"/>, in order.</summary>
    private static void EmitInitialization(CodeWriter w, IEnumerable<LayerPlan> layers)
    {
        foreach (LayerPlan layer in layers)
        {
            if (HasInitialization(layer)) LayerKinds.For(layer).EmitInitialization(w, layer);
        }
    }

    private static bool HasInitialization(LayerPlan layer) => layer.ParameterCount > 0 || layer.StateCount > 0;

    /// <summary>The chunks with anything to initialize.</summary>
    private static IEnumerable<LayerRange> InitializedRanges(LayerChunks chunks) =>
        chunks.Ranges.Where(range => chunks.LayersOf(range).Any(HasInitialization));
}
