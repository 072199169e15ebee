using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Max pooling vectorized along the last axis: the lanes of a <c>Vector256</c> are neighbouring windows of one output row,
/// so every window element is one vector of 8 inputs <c>StrideWidth</c> apart, gathered from plain loads by constant
/// shuffles. The elements are taken in window order with the scalar rule, lane by lane (the first of equal values wins,
/// a NaN wins and keeps the win, the max is <c>MathF.Max</c>'s), so values and winners are bitwise those of the scalar
/// code. Only full windows (no padding, none clipped), so that every load stays inside the input.
/// </summary>
/// <remarks>
/// Two row shapes. A row of at least 8 outputs is covered by vectors of 8, the last one ending at the row's end (it
/// overlaps the one before when the width is not a multiple of 8). A shorter row of at least
/// <see cref="MinShortRowOutputs"/> outputs, whose input row holds a vector, is one vector with lanes to spare: it is
/// stored whole, the spare lanes landing on the next row's outputs before that row writes them, and the sample's last
/// rows, where a whole vector would pass the end, are done one window at a time.
/// </remarks>
internal static class PoolVectorEmitter
{
    /// <summary>Floats in a Vector256.</summary>
    public const int Lanes = 8;

    /// <summary>
    /// The widest stride along the row: gathering a window element at stride s takes s loads, s shuffles and s − 1
    /// blends, so the gain shrinks with the stride; 4 keeps the common 2 and 3 and a margin.
    /// </summary>
    private const int MaxStride = 4;

    /// <summary>A row shorter than a vector must fill at least half of one to be worth it.</summary>
    private const int MinShortRowOutputs = 4;

    public enum RowShape
    {
        /// <summary>Not vectorized: padded or clipped windows, a wide stride, too large a window, or rows too short.</summary>
        None,

        /// <summary>At least <see cref="Lanes"/> outputs per row: vectors of 8 windows.</summary>
        Wide,

        /// <summary>Fewer outputs per row than lanes: one vector per row.</summary>
        Short,
    }

    public static RowShape Shape(LayerPlan layer)
    {
        if (layer.Kind != LayerKind.MaxPool || !PoolLayer.Unrolled(layer)) return RowShape.None;
        var g = new RowGeometry(layer);
        if (g.Stride > MaxStride) return RowShape.None;
        if (g.OutWidth >= Lanes) return RowShape.Wide;
        return g.OutWidth >= MinShortRowOutputs && g.InWidth >= Lanes && layer.Output.Length >= Lanes ? RowShape.Short : RowShape.None;
    }

    public static string Strategy(LayerPlan layer)
    {
        var g = new RowGeometry(layer);
        string lanes = Shape(layer) == RowShape.Wide
            ? "8 windows at a time in the lanes of a Vector256"
            : $"the row's {g.OutWidth} windows in the lanes of one Vector256";
        string gather = g.Stride == 1 ? "loaded" : $"gathered {g.Stride} apart by shuffles";
        string backward = RoutesGradientsByVector(layer)
            ? "backward writes every input gradient from the winners' indices, 8 windows at a time"
            : "the winner's index is kept for backward";
        return $"strategy: per channel and output row, {lanes}; the {g.Window.Count} window elements {gather} and taken in order; {backward}";
    }

    /// <summary>
    /// Whether backward writes every input gradient from vectors of 8 windows instead of clearing and scattering: rows
    /// of at least 8 windows that tile the input exactly (stride equal to the window on every axis, no input left over),
    /// so that each input is in exactly one window.
    /// </summary>
    public static bool RoutesGradientsByVector(LayerPlan layer)
    {
        if (Shape(layer) != RowShape.Wide) return false;
        for (int a = 0; a < layer.Decl.SpatialRank; a++)
        {
            if (layer.Stride[a] != layer.Decl.Kernel[a] || layer.Output.Spatial(a) * layer.Stride[a] != layer.Input.Spatial(a)) return false;
        }
        return true;
    }

    /// <summary>The channel and output-row loops of one sample (x, y, winners), vectors along each row.</summary>
    public static void EmitRows(CodeWriter w, LayerPlan layer)
    {
        var g = new RowGeometry(layer);
        w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
        w.Line("ref float y0 = ref MemoryMarshal.GetReference(y);");
        w.Line("ref int winners0 = ref MemoryMarshal.GetReference(winners);");
        if (Shape(layer) == RowShape.Wide)
        {
            EmitRowLoops(w, layer, start => w.Line($"MaxOfEight(ref x0, i0 + {start} * {g.StrideName}, ref Unsafe.Add(ref y0, j + {start}), ref Unsafe.Add(ref winners0, j + {start}));"));
        }
        else
        {
            EmitRowLoops(w, layer, null);
        }
    }

    /// <summary>The backward loops of one sample (dx, dy, winners) when <see cref="RoutesGradientsByVector"/>.</summary>
    public static void EmitGradientRows(CodeWriter w, LayerPlan layer)
    {
        var g = new RowGeometry(layer);
        w.Line("ref float dx0 = ref MemoryMarshal.GetReference(dx);");
        w.Line("ref float dy0 = ref MemoryMarshal.GetReference(dy);");
        w.Line("ref int winners0 = ref MemoryMarshal.GetReference(winners);");
        EmitRowLoops(w, layer, start => w.Line($"GradientsOfEight(ref dx0, i0 + {start} * {g.StrideName}, ref Unsafe.Add(ref dy0, j + {start}), ref Unsafe.Add(ref winners0, j + {start}));"));
    }

    /// <summary>
    /// Channels and output rows, i0 the first input of each row's first window and j its first output; along a Wide row,
    /// <paramref name="vector"/> writes the call for the 8 windows from output column "start" (null: a Short row).
    /// </summary>
    private static void EmitRowLoops(CodeWriter w, LayerPlan layer, System.Action<string>? vector)
    {
        var g = new RowGeometry(layer);
        int rank = layer.Decl.SpatialRank;
        w.Line("int j = 0;");
        var scopes = new Stack<System.IDisposable>();
        scopes.Push(w.Block("for (int c = 0; c < Channels; c++)"));
        string index = "c";
        for (int a = 0; a < rank - 1; a++)
        {
            string n = Axes.Name(rank, a);
            string l = Axes.Letter(rank, a);
            scopes.Push(w.Block($"for (int o{l} = 0; o{l} < Out{n}; o{l}++)"));
            index = $"{Axes.Wrap(index)} * In{n} + o{l} * Stride{n}";
        }
        w.Line($"int i0 = {Axes.Wrap(index)} * {g.InName}; // the row's first window starts here");
        if (vector is not null)
        {
            bool overlaps = g.OutWidth % Lanes != 0;
            if (overlaps)
            {
                w.Line("// The last vector ends at the row's end, overlapping the one before it: the windows they share are");
                w.Line("// done twice, to the same values, and no scalar tail is needed.");
            }
            using (w.Block($"for (int ox = 0; ox < {g.OutName}; ox += Lanes)"))
            {
                string start = "ox";
                if (overlaps)
                {
                    w.Line($"int start = Math.Min(ox, {g.OutName} - Lanes);");
                    start = "start";
                }
                vector(start);
            }
        }
        else
        {
            w.Line("if (j + Lanes <= OutputLength) MaxOfRow(ref x0, i0, ref Unsafe.Add(ref y0, j), ref Unsafe.Add(ref winners0, j));");
            using (w.Block("else"))
            {
                w.Line("// The sample's last rows: a whole vector would pass the end of y, so one window at a time.");
                using (w.Block($"for (int ox = 0; ox < {g.OutName}; ox++)"))
                {
                    w.Line($"int i = i0 + ox * {g.StrideName};");
                    w.Line("float best = Unsafe.Add(ref x0, i);");
                    w.Line("int winner = i;");
                    foreach (int offset in g.Window.Skip(1)) w.Line($"Take(ref x0, i + {offset}, ref best, ref winner);");
                    w.Line("y[j + ox] = best;");
                    w.Line("winners[j + ox] = winner;");
                }
            }
        }
        w.Line($"j += {g.OutName};");
        while (scopes.Count > 0) scopes.Pop().Dispose();
    }

    /// <summary>The lane count, and where each lane's window starts.</summary>
    public static void EmitConstants(CodeWriter w, LayerPlan layer)
    {
        var g = new RowGeometry(layer);
        w.Line("/// <summary>Windows per vector: the floats of a Vector256.</summary>");
        w.Line($"private const int Lanes = {Lanes};");
        w.Line($"/// <summary>Where each lane's window starts, from the first one's: lane × {g.StrideName}.</summary>");
        w.Line($"private static Vector256<int> LaneStarts => Vector256.Create({string.Join(", ", Enumerable.Range(0, Lanes).Select(l => Int(l * g.Stride)))});");
    }

    /// <summary>The layer class's methods the rows use: the windows of a vector, its gathers and its take.</summary>
    public static void EmitMethods(CodeWriter w, LayerPlan layer)
    {
        var g = new RowGeometry(layer);
        w.Line();
        if (Shape(layer) == RowShape.Wide) EmitMaxOfEight(w, g);
        else EmitMaxOfRow(w, g);
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One window element in every lane, by the scalar rule: it wins where it is greater, or NaN while best is not");
        w.Line("/// (a NaN beats any number; once best is NaN it stays); on a tie the earlier element keeps the win.");
        w.Line("/// </summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block("private static void TakeLanes(Vector256<float> value, int offset, ref Vector256<float> best, ref Vector256<int> winner)"))
        {
            w.Line("// !(value <= best) holds where value is greater or either is NaN; best == best rules out a NaN best.");
            w.Line("Vector256<int> wins = Vector256.AndNot(Vector256.Equals(best, best), Vector256.LessThanOrEqual(value, best)).AsInt32();");
            w.Line("winner = Vector256.ConditionalSelect(wins, Vector256.Create(offset), winner);");
            w.Line("// Max rather than a select of the winner: bitwise MathF.Max, as the scalar code (NaN propagates, +0 over −0).");
            w.Line("best = Vector256.Max(best, value);");
        }
    }

    /// <summary>The methods of <see cref="EmitGradientRows"/>: the gradients of 8 windows, and one vector of them.</summary>
    public static void EmitGradientMethods(CodeWriter w, LayerPlan layer)
    {
        var g = new RowGeometry(layer);
        int segments = g.Stride; // a window row of 8 windows is 8 × StrideWidth inputs: this many vectors
        var rowOffsets = g.Window.Select(offset => offset - offset % g.InWidth).Distinct().ToList();
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The input gradients of eight neighbouring windows (lane l: the window whose first input is i0 + l × {g.StrideName}),");
        w.Line($"/// by window row, each {Int(Lanes * g.Stride)} contiguous inputs: input i gets 0 + dy of its window where it is the window's winner,");
        w.Line("/// and 0 elsewhere. 0 + dy is the sum the scatter into cleared memory forms (−0 becomes +0), so the bits are the same.");
        w.Line("/// </summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block("private static void GradientsOfEight(ref float dx0, int i0, ref float dy, ref int winners)"))
        {
            w.Line("Vector256<float> gradient = Vector256<float>.Zero + Vector256.LoadUnsafe(ref dy);");
            w.Line("Vector256<int> winner = Vector256.LoadUnsafe(ref winners);");
            if (segments == 1)
            {
                w.Line("Vector256<float> gradient0 = gradient;");
                w.Line("Vector256<int> winner0 = winner;");
            }
            else
            {
                w.Line($"// Each lane repeated {g.StrideName} times, so that every input of a window row lines up with its window's lane.");
                for (int v = 0; v < segments; v++)
                {
                    string spread = string.Join(", ", Enumerable.Range(0, Lanes).Select(p => Int((v * Lanes + p) / g.Stride)));
                    w.Line($"Vector256<int> spread{v} = Vector256.Create({spread});");
                }
                for (int v = 0; v < segments; v++)
                {
                    w.Line($"Vector256<float> gradient{v} = Vector256.Shuffle(gradient, spread{v});");
                    w.Line($"Vector256<int> winner{v} = Vector256.Shuffle(winner, spread{v});");
                }
            }
            foreach (int row in rowOffsets)
            {
                string first = row == 0 ? "i0" : $"i0 + {Int(row)}";
                w.Line($"// The windows' row from {first}: inputs {first} … i0 + {Int(row + Lanes * segments - 1)}.");
                for (int v = 0; v < segments; v++)
                {
                    int offset = row + v * Lanes;
                    w.Line($"Route(gradient{v}, winner{v}, ref dx0, {(offset == 0 ? "i0" : $"i0 + {Int(offset)}")});");
                }
            }
        }
        w.Line();
        w.Line("/// <summary>Inputs i … i + 7: the gradient where the input is its window's winner, else 0.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block("private static void Route(Vector256<float> gradient, Vector256<int> winner, ref float dx0, int i)"))
        {
            w.Line("Vector256<int> won = Vector256.Equals(winner, Vector256.Create(i) + Vector256<int>.Indices);");
            w.Line("Vector256.ConditionalSelect(won.AsSingle(), gradient, Vector256<float>.Zero).StoreUnsafe(ref dx0, (UIntPtr)i);");
        }
    }

    private static void EmitMaxOfEight(CodeWriter w, RowGeometry g)
    {
        w.Line("/// <summary>");
        w.Line($"/// Eight neighbouring windows of a row, one per lane: lane l is the window whose first input is i0 + l × {g.StrideName};");
        w.Line("/// their maxima go to y and their winners' input indices to winners.");
        w.Line("/// </summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block("private static void MaxOfEight(ref float x0, int i0, ref float y, ref int winners)"))
        {
            w.Line("ref float first = ref Unsafe.Add(ref x0, i0);");
            w.Line($"// The window: inputs i0 + {string.Join(", ", g.Window.Skip(1).Select(Int))}; winner holds the winning offset.");
            w.Line("Vector256<float> best = Columns(ref first);");
            w.Line("Vector256<int> winner = Vector256<int>.Zero;");
            foreach (int offset in g.Window.Skip(1)) w.Line($"TakeLanes(Columns(ref Unsafe.Add(ref first, {Int(offset)})), {Int(offset)}, ref best, ref winner);");
            w.Line("best.StoreUnsafe(ref y);");
            w.Line("(winner + Vector256.Create(i0) + LaneStarts).StoreUnsafe(ref winners);");
        }
        w.Line();
        int?[] needed = Enumerable.Range(0, Lanes).Select(l => (int?)(l * g.Stride)).ToArray();
        var parts = PlanGather(needed, 0, (Lanes - 1) * g.Stride);
        string what = g.Stride == 1 ? "first[l] in lane l" : $"first[l × {g.StrideName}] in lane l";
        EmitGather(w, "Columns", "first", what, parts, "no load reads past the last of them");
    }

    private static void EmitMaxOfRow(CodeWriter w, RowGeometry g)
    {
        string used = LaneList(Enumerable.Range(0, g.OutWidth));
        w.Line("/// <summary>");
        w.Line($"/// A whole output row in {used}: lane l is the window whose first input is i0 + l × {g.StrideName}. The spare");
        w.Line($"/// {LaneList(Enumerable.Range(g.OutWidth, Lanes - g.OutWidth))} are stored too, over the next row's first outputs (which that row then writes),");
        w.Line("/// so the caller keeps j + Lanes ≤ OutputLength.");
        w.Line("/// </summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block("private static void MaxOfRow(ref float x0, int i0, ref float y, ref int winners)"))
        {
            w.Line("ref float row = ref Unsafe.Add(ref x0, i0);");
            w.Line($"// The window: inputs i0 + {string.Join(", ", g.Window.Skip(1).Select(Int))}; winner holds the winning offset.");
            bool firstElement = true;
            foreach (int offset in g.Window)
            {
                int column = offset % g.InWidth;
                int rowOffset = offset - column;
                string source = rowOffset == 0 ? "ref row" : $"ref Unsafe.Add(ref row, {Int(rowOffset)})";
                string value = $"Columns{column}({source})";
                if (firstElement)
                {
                    w.Line($"Vector256<float> best = {value};");
                    w.Line("Vector256<int> winner = Vector256<int>.Zero;");
                    firstElement = false;
                }
                else
                {
                    w.Line($"TakeLanes({value}, {Int(offset)}, ref best, ref winner);");
                }
            }
            w.Line("best.StoreUnsafe(ref y);");
            w.Line("(winner + Vector256.Create(i0) + LaneStarts).StoreUnsafe(ref winners);");
        }
        for (int kx = 0; kx < g.WindowWidth; kx++)
        {
            w.Line();
            int?[] needed = Enumerable.Range(0, Lanes).Select(l => l < g.OutWidth ? kx + l * g.Stride : (int?)null).ToArray();
            var parts = PlanGather(needed, 0, g.InWidth - 1);
            string start = kx == 0 ? "" : $"{kx} + ";
            EmitGather(w, $"Columns{kx}", "row", $"row[{start}l × {g.StrideName}] in lane l, for {used}", parts, "no load leaves the row");
        }
    }

    /// <summary>One load of a gather: the 8 floats at <paramref name="Start"/>, and for each lane it fills, the position it takes.</summary>
    private sealed record GatherPart(int Start, int?[] Positions)
    {
        public IEnumerable<int> FilledLanes => Enumerable.Range(0, Lanes).Where(l => Positions[l] is not null);

        /// <summary>Every lane it fills takes the input at its own position: no shuffle needed.</summary>
        public bool IsIdentity => Enumerable.Range(0, Lanes).All(l => Positions[l] is null || Positions[l] == l);
    }

    /// <summary>
    /// The loads that gather the inputs at offsets <paramref name="needed"/> (in increasing order; null for a lane whose
    /// value does not matter), reading only offsets in [<paramref name="low"/>, <paramref name="high"/>]: each load starts at
    /// the first input not yet covered, or earlier when it would read past <paramref name="high"/>, and fills every lane it covers.
    /// </summary>
    private static List<GatherPart> PlanGather(int?[] needed, int low, int high)
    {
        var parts = new List<GatherPart>();
        var filled = new bool[Lanes];
        for (int lane = 0; lane < Lanes; lane++)
        {
            if (needed[lane] is not int first || filled[lane]) continue;
            int start = System.Math.Max(low, System.Math.Min(first, high - Lanes + 1));
            var positions = new int?[Lanes];
            for (int l = lane; l < Lanes; l++)
            {
                if (needed[l] is int offset && !filled[l] && offset >= start && offset < start + Lanes)
                {
                    positions[l] = offset - start;
                    filled[l] = true;
                }
            }
            parts.Add(new GatherPart(start, positions));
        }
        return parts;
    }

    private static void EmitGather(CodeWriter w, string name, string source, string what, List<GatherPart> parts, string bound)
    {
        string Load(GatherPart p) => p.Start == 0 ? source : $"{source} + {Int(p.Start)}";
        if (parts.Count == 1)
        {
            string how = parts[0].IsIdentity ? "" : ", shuffled";
            w.Line($"/// <summary>{what}: the 8 floats at {Load(parts[0])}{how}.</summary>");
        }
        else
        {
            w.Line("/// <summary>");
            w.Line($"/// {what}; {bound}:");
            w.Line("/// " + string.Join(", ", parts.Select(p => $"{LaneList(p.FilledLanes)} from the 8 floats at {Load(p)}")) + ".");
            w.Line("/// </summary>");
        }
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"private static Vector256<float> {name}(ref float {source})"))
        {
            var values = new List<string>();
            for (int p = 0; p < parts.Count; p++)
            {
                GatherPart part = parts[p];
                string load = part.Start == 0 ? $"Vector256.LoadUnsafe(ref {source})" : $"Vector256.LoadUnsafe(ref {source}, {Int(part.Start)})";
                values.Add(part.IsIdentity ? load : $"Vector256.Shuffle({load}, Vector256.Create({string.Join(", ", part.Positions.Select(i => Int(i ?? 0)))}))");
            }
            if (parts.Count == 1)
            {
                w.Line($"return {values[0]};");
                return;
            }
            for (int p = 0; p < parts.Count; p++) w.Line($"Vector256<float> part{p} = {values[p]};");
            // Each part's lanes are chosen by a constant mask; the last part takes the lanes left.
            string result = $"part{parts.Count - 1}";
            for (int p = parts.Count - 2; p >= 0; p--)
            {
                var lanes = new HashSet<int>(parts[p].FilledLanes);
                string mask = string.Join(", ", Enumerable.Range(0, Lanes).Select(l => lanes.Contains(l) ? "-1" : "0"));
                result = $"Vector256.ConditionalSelect(Vector256.Create({mask}).AsSingle(), part{p}, {result})";
            }
            w.Line($"return {result};");
        }
    }

    /// <summary>"lanes 0–3", "lane 4" or "lanes 1, 3, 5", for comments.</summary>
    private static string LaneList(IEnumerable<int> lanes)
    {
        int[] list = lanes.ToArray();
        if (list.Length == 1) return "lane " + Int(list[0]);
        bool contiguous = list[list.Length - 1] - list[0] == list.Length - 1;
        return "lanes " + (contiguous ? $"{Int(list[0])}–{Int(list[list.Length - 1])}" : string.Join(", ", list.Select(Int)));
    }


    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The layer seen as rows along its last axis, with the window's element offsets in window order.</summary>
    private sealed class RowGeometry
    {
        public RowGeometry(LayerPlan layer)
        {
            int rank = layer.Decl.SpatialRank;
            int last = rank - 1;
            string axis = Axes.Name(rank, last);
            InName = "In" + axis;
            OutName = "Out" + axis;
            StrideName = "Stride" + axis;
            InWidth = layer.Input.Spatial(last);
            OutWidth = layer.Output.Spatial(last);
            WindowWidth = layer.Decl.Kernel[last];
            Stride = layer.Stride[last];
            Window = PoolLayer.WindowOffsets(layer);
        }

        /// <summary>Names of the row's constants: InWidth, OutWidth, StrideWidth (InLength… in 1D).</summary>
        public string InName { get; }

        public string OutName { get; }

        public string StrideName { get; }

        public int InWidth { get; }

        public int OutWidth { get; }

        public int WindowWidth { get; }

        public int Stride { get; }

        /// <summary>Offsets of the window's elements from its first input, in window (row-major) order.</summary>
        public IReadOnlyList<int> Window { get; }
    }
}
