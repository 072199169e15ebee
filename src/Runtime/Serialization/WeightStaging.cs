using System.Text;

namespace CnnCompiler;

/// <summary>
/// Matches a file's tensors to a network's by name (after <see cref="LoadOptions.Rename"/>), shape and dtype, and fills
/// copies of the network's parameter and state spans with what matches; state values are checked too
/// (<see cref="StateValues"/>). Nothing touches the network until <see cref="Commit"/>, so a load that fails leaves it
/// exactly as it was. Every problem is collected into one <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class WeightStaging
{
    /// <summary>Problems listed in one message; more are counted.</summary>
    private const int ListedProblems = 20;

    private readonly float[] _parameters;
    private readonly float[] _state;

    private WeightStaging(float[] parameters, float[] state, WeightLoadReport report)
    {
        _parameters = parameters;
        _state = state;
        Report = report;
    }

    public WeightLoadReport Report { get; }

    /// <param name="network">The network to load into.</param>
    /// <param name="file">The file read.</param>
    /// <param name="options">How names are matched and what may be missing or left over.</param>
    /// <param name="isOtherContent">File tensors that are not network tensors (a checkpoint's optimizer buffers), ignored here.</param>
    public static WeightStaging Prepare(INetwork network, SafeTensorsFile file, LoadOptions options, Func<string, bool>? isOtherContent = null)
    {
        options.Validate();
        var byNetworkName = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
        var ignored = new List<string>();
        foreach (SafeTensorInfo stored in file.Tensors)
        {
            if (isOtherContent?.Invoke(stored.Name) ?? false) continue;
            string? name = options.Rename is null ? stored.Name : options.Rename(stored.Name);
            if (name is null)
            {
                ignored.Add(stored.Name);
                continue;
            }
            if (name.Length == 0) throw new ArgumentException($"LoadOptions.Rename maps '{Excerpt.Of(stored.Name)}' to an empty name; return null to drop a tensor.", nameof(options));
            if (!byNetworkName.TryAdd(name, stored))
                throw new ArgumentException(
                    $"LoadOptions.Rename maps both '{Excerpt.Of(byNetworkName[name].Name)}' and '{Excerpt.Of(stored.Name)}' of {file.Source} to '{Excerpt.Of(name)}'.", nameof(options));
        }

        float[] parameters = network.Parameters.ToArray();
        float[] state = network.State.ToArray();
        var loaded = new List<string>();
        var missing = new List<string>();
        var mismatched = new List<TensorShapeMismatch>();
        var problems = new List<string>();
        bool missingProblem = false;
        var networkNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (TensorInfo tensor in network.Tensors)
        {
            networkNames.Add(tensor.Name);
            if (!byNetworkName.TryGetValue(tensor.Name, out SafeTensorInfo? stored))
            {
                if (options.MayMiss(tensor.Name)) missing.Add(tensor.Name);
                else
                {
                    problems.Add($"missing tensor '{tensor.Name}' (shape {ShapeText.Format(tensor.Shape)}){FromFile(tensor.Name, stored, options)}");
                    missingProblem = true;
                }
                continue;
            }
            if (!stored.HasShape(tensor.Shape))
            {
                if (options.MayMiss(tensor.Name)) mismatched.Add(new TensorShapeMismatch(tensor.Name, tensor.Shape, stored.Shape));
                else
                {
                    problems.Add($"tensor '{tensor.Name}'{FromFile(tensor.Name, stored, options)} has shape {stored.ShapeText} in the file but {ShapeText.Format(tensor.Shape)} in the network");
                    missingProblem = true;
                }
                continue;
            }
            if (!stored.DType.ConvertsToFloat())
            {
                problems.Add($"tensor '{tensor.Name}'{FromFile(tensor.Name, stored, options)} has dtype {stored.DType.Name()}, which cannot be converted to float " +
                             $"(expected {(NetworkTensors.IsCount(tensor) ? "I64" : "F32")})");
                continue;
            }
            Span<float> values = (tensor.Store == TensorStore.Parameters ? parameters : state).AsSpan(tensor.Offset, tensor.Length);
            file.ReadFloats(stored, values);
            if (tensor.Store == TensorStore.State && StateValues.Problem(tensor, values) is { } invalid)
            {
                problems.Add(invalid);
                continue;
            }
            loaded.Add(tensor.Name);
        }

        var unexpected = new List<string>();
        foreach (var (name, stored) in byNetworkName)
        {
            if (networkNames.Contains(name)) continue;
            unexpected.Add(name);
            if (options.Strict) problems.Add($"unexpected tensor '{Excerpt.Of(name)}'{FromFile(name, stored, options)} (shape {stored.ShapeText}), which the network does not have");
        }

        if (problems.Count > 0) throw Mismatch(network, file, problems, missingProblem, unexpected.Count > 0 && options.Strict);
        return new WeightStaging(parameters, state, new WeightLoadReport(loaded, unexpected, missing, mismatched) { Ignored = ignored });
    }

    /// <summary>Copies the staged values into the network.</summary>
    public void Commit(INetwork network)
    {
        _parameters.CopyTo(network.Parameters);
        _state.CopyTo(network.State);
    }

    /// <summary>" (file 'old.name')" when the rename gave the tensor another name than the file's.</summary>
    private static string FromFile(string name, SafeTensorInfo? stored, LoadOptions options) =>
        stored is not null && options.Rename is not null && stored.Name != name ? $" (file '{Excerpt.Of(stored.Name)}')" : "";

    private static InvalidDataException Mismatch(INetwork network, SafeTensorsFile file, List<string> problems, bool missing, bool unexpected)
    {
        var message = new StringBuilder();
        message.Append($"{file.Source} does not match {network.GetType().Name}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was loaded.");
        foreach (string problem in Excerpt.First(problems, ListedProblems)) message.Append("\n  - ").Append(problem);
        if (missing)
            message.Append("\nTensors that may keep their current values (a new head) go in LoadOptions.AllowMissing; LoadOptions.Rename maps other naming conventions.");
        if (unexpected)
            message.Append("\nLoadOptions { Strict = false } skips file tensors the network does not have.");
        return new InvalidDataException(message.ToString());
    }
}
