using System.Globalization;

namespace CnnCompiler.CompilerServices;

public sealed partial class Network<TDefinition, TLoss, TTarget>
{
    /// <summary>What a batched inference call hands back.</summary>
    private enum InferenceResult
    {
        /// <summary>Predict's results: softmax or sigmoid probabilities, or raw outputs for regression losses.</summary>
        Predictions,

        /// <summary>The last layer's raw outputs.</summary>
        Logits,

        /// <summary>The arg-max class of each sample.</summary>
        Labels,
    }

    /// <summary>Predict's results for one sample or a batch; safe to call from many threads at once; allocates nothing in steady state.</summary>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => Infer(inputs, outputs, InferenceResult.Predictions, nameof(outputs));

    /// <summary>The raw outputs of the last layer (logits: before softmax or sigmoid) for one sample or a batch.</summary>
    public void PredictLogits(ReadOnlySpan<float> inputs, Span<float> logits) => Infer(inputs, logits, InferenceResult.Logits, nameof(logits));

    /// <summary>The most probable class of one sample.</summary>
    public int Classify(ReadOnlySpan<float> input)
    {
        RequireLength(input.Length, InputLength, nameof(input), "one sample");
        RequireFinite(input, nameof(input));
        Span<int> label = stackalloc int[1];
        Classify(input, label);
        return label[0];
    }

    /// <summary>The most probable class of each sample in a batch.</summary>
    public void Classify(ReadOnlySpan<float> inputs, Span<int> labels)
    {
        int count = SampleCount(inputs, nameof(inputs));
        if (labels.Length != count) RequireLength(labels.Length, count, nameof(labels), string.Create(CultureInfo.InvariantCulture, $"one label per sample ({count})"));
        if (TryInferInParallel(inputs, default, labels, InferenceResult.Labels, count)) return;
        RequireFinite(inputs, nameof(inputs));
        EnterInference();
        Workspace workspace = _inferenceWorkspaces.Rent();
        try
        {
            for (int start = 0; start < count; start += InferenceChunk)
            {
                int n = Math.Min(InferenceChunk, count - start);
                TDefinition.Forward(workspace, _parameters, inputs.Slice(start * InputLength, n * InputLength), n, fold: true);
                ArgMax.Rows(workspace.Logits.AsSpan(0, n * OutputLength), labels.Slice(start, n), OutputLength);
            }
        }
        finally
        {
            _inferenceWorkspaces.Return(workspace);
            ExitInference();
        }
    }

    /// <summary>The mean loss over a batch in inference mode (running statistics, no dropout), without touching the gradients.</summary>
    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets)
    {
        int count = SampleCount(inputs, nameof(inputs));
        TLoss.RequireTargets(targets, count, OutputLength, TDefinition.Name);
        int perSample = TLoss.TargetsPerSample(OutputLength);
        RequireFinite(inputs, nameof(inputs));
        EnterInference();
        Workspace workspace = _inferenceWorkspaces.Rent();
        double total = 0;
        try
        {
            for (int start = 0; start < count; start += InferenceChunk)
            {
                int n = Math.Min(InferenceChunk, count - start);
                TDefinition.Forward(workspace, _parameters, inputs.Slice(start * InputLength, n * InputLength), n, fold: true);
                total += TLoss.Forward(workspace.Logits.AsSpan(0, n * OutputLength), targets.Slice(start * perSample, n * perSample),
                    workspace.Probabilities.AsSpan(0, n * OutputLength), OutputLength);
            }
        }
        finally
        {
            _inferenceWorkspaces.Return(workspace);
            ExitInference();
        }
        return (float)(total / TLoss.MeanDivisor(count, OutputLength));
    }

    /// <summary>Predictions or logits of a batch, on the calling thread in chunks, or split across workers.</summary>
    private void Infer(ReadOnlySpan<float> inputs, Span<float> outputs, InferenceResult result, string parameter)
    {
        int count = SampleCount(inputs, nameof(inputs));
        if (outputs.Length != count * OutputLength)
        {
            RequireLength(outputs.Length, count * OutputLength, parameter, string.Create(CultureInfo.InvariantCulture, $"{count} sample(s) × {OutputLength} outputs"));
        }
        if (TryInferInParallel(inputs, outputs, default, result, count)) return;
        RequireFinite(inputs, nameof(inputs));
        EnterInference();
        Workspace workspace = _inferenceWorkspaces.Rent();
        try
        {
            for (int start = 0; start < count; start += InferenceChunk)
            {
                int n = Math.Min(InferenceChunk, count - start);
                TDefinition.Forward(workspace, _parameters, inputs.Slice(start * InputLength, n * InputLength), n, fold: true);
                WriteResults(workspace.Logits.AsSpan(0, n * OutputLength), outputs.Slice(start * OutputLength, n * OutputLength), result);
            }
        }
        finally
        {
            _inferenceWorkspaces.Return(workspace);
            ExitInference();
        }
    }

    private static void WriteResults(ReadOnlySpan<float> logits, Span<float> outputs, InferenceResult result)
    {
        if (result == InferenceResult.Logits) logits.CopyTo(outputs);
        else TLoss.Predictions(logits, outputs, OutputLength);
    }
}
