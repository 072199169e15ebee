using System.Text;

namespace CnnCompiler;

/// <summary>
/// Matches a file's tensors to a network's by name, shape and dtype, and fills copies of the network's parameter and
/// state spans with what matches. Nothing touches the network until <see cref="Commit"/>, so a load that fails leaves
/// it exactly as it was. In strict mode every difference is collected into one <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class WeightStaging
{
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
    /// <param name="strict">Whether any missing, unexpected or differently shaped tensor is an error.</param>
    /// <param name="isOtherContent">File tensors that are not network tensors (a checkpoint's optimizer buffers), ignored here.</param>
    public static WeightStaging Prepare(INetwork network, SafeTensorsFile file, bool strict, Func<string, bool>? isOtherContent = null)
    {
        float[] parameters = network.Parameters.ToArray();
        float[] state = network.State.ToArray();
        var loaded = new List<string>();
        var missing = new List<string>();
        var mismatched = new List<TensorShapeMismatch>();
        var problems = new List<string>();
        var networkNames = new HashSet<string>(StringComparer.Ordinal);

        foreach (TensorInfo tensor in network.Tensors)
        {
            networkNames.Add(tensor.Name);
            if (!file.TryGetTensor(tensor.Name, out SafeTensorInfo stored))
            {
                missing.Add(tensor.Name);
                problems.Add($"missing tensor '{tensor.Name}' (shape {ShapeText.Format(tensor.Shape)})");
                continue;
            }
            if (!stored.HasShape(tensor.Shape))
            {
                mismatched.Add(new TensorShapeMismatch(tensor.Name, tensor.Shape, stored.Shape));
                problems.Add($"tensor '{tensor.Name}' has shape {stored.ShapeText} in the file but {ShapeText.Format(tensor.Shape)} in the network");
                continue;
            }
            if (!stored.DType.ConvertsToFloat())
            {
                problems.Add($"tensor '{tensor.Name}' has dtype {stored.DType.Name()}, which cannot be converted to float " +
                             $"(expected {(NetworkTensors.IsCount(tensor) ? "I64" : "F32")})");
                continue;
            }
            float[] target = tensor.Store == TensorStore.Parameters ? parameters : state;
            file.ReadFloats(stored, target.AsSpan(tensor.Offset, tensor.Length));
            loaded.Add(tensor.Name);
        }

        var unexpected = new List<string>();
        foreach (SafeTensorInfo stored in file.Tensors)
        {
            if (networkNames.Contains(stored.Name) || (isOtherContent?.Invoke(stored.Name) ?? false)) continue;
            unexpected.Add(stored.Name);
            problems.Add($"unexpected tensor '{stored.Name}' (shape {stored.ShapeText}), which the network does not have");
        }

        // A tensor that exists on both sides but cannot be read is a broken file, not a different architecture.
        bool unreadable = problems.Count > missing.Count + mismatched.Count + unexpected.Count;
        if (problems.Count > 0 && (strict || unreadable))
        {
            var message = new StringBuilder();
            message.Append($"{file.Source} does not match {network.GetType().Name}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
            message.Append(strict ? "; nothing was loaded." : " (a tensor cannot be read even in non-strict mode); nothing was loaded.");
            foreach (string problem in problems) message.Append("\n  - ").Append(problem);
            throw new InvalidDataException(message.ToString());
        }
        return new WeightStaging(parameters, state, new WeightLoadReport(loaded, unexpected, missing, mismatched));
    }

    /// <summary>Copies the staged values into the network.</summary>
    public void Commit(INetwork network)
    {
        _parameters.CopyTo(network.Parameters);
        _state.CopyTo(network.State);
    }
}
