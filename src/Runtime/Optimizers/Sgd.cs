using System.Numerics.Tensors;

namespace CnnCompiler;

/// <summary>
/// Stochastic gradient descent with PyTorch's <c>torch.optim.SGD</c> semantics, step for step:
/// <code>
/// g = grad + weightDecay·p
/// buf = g on the first step, else momentum·buf + (1 − dampening)·g
/// g = nesterov ? g + momentum·buf : buf          (only when momentum ≠ 0)
/// p = p − lr·g
/// </code>
/// Buffers are sized on the first <see cref="Step"/>; later steps allocate nothing. A step is computed into spare
/// buffers and taken only when the new parameters and momentum are all finite; otherwise it is refused with an
/// <see cref="InvalidOperationException"/> and nothing changes.
/// </summary>
public sealed class Sgd : IOptimizer
{
    private float _learningRate;
    private float[]? _momentumBuffer;
    private float[]? _scratch;
    private float[]? _nextParameters;
    private float[]? _nextMomentumBuffer;
    private bool _momentumBufferFilled;
    private int _parameterCount = -1;

    public Sgd(float learningRate, float momentum = 0f, float dampening = 0f, float weightDecay = 0f, bool nesterov = false)
    {
        LearningRate = learningRate;
        if (!(momentum >= 0f) || float.IsInfinity(momentum))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be a finite value ≥ 0.");
        if (!(dampening >= 0f && dampening <= 1f))
            throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "Dampening must be between 0 and 1.");
        if (!(weightDecay >= 0f) || float.IsInfinity(weightDecay))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be a finite value ≥ 0.");
        if (nesterov && (momentum == 0f || dampening != 0f))
            throw new ArgumentException(
                $"Nesterov momentum requires momentum > 0 and zero dampening (as in PyTorch); got momentum {momentum}, dampening {dampening}.", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    /// <summary>The step size; settable so that learning-rate schedules can change it between steps.</summary>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0f) || float.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite value ≥ 0.");
            _learningRate = value;
        }
    }

    public float Momentum { get; }

    public float Dampening { get; }

    public float WeightDecay { get; }

    public bool Nesterov { get; }

    /// <summary>Steps taken so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>
    /// The momentum buffer, laid out like the parameters, for checkpoints. Empty until the first step
    /// (PyTorch's buffer is unset until then) and always empty without momentum.
    /// </summary>
    public Span<float> MomentumBuffer => _momentumBufferFilled ? _momentumBuffer : Span<float>.Empty;

    /// <summary>Restores a checkpointed momentum buffer (and step count) before continuing to train.</summary>
    public void RestoreState(ReadOnlySpan<float> momentumBuffer, long stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepCount, OptimizerState.MaxStepCount);
        OptimizerChecks.RequireValid(momentumBuffer, "momentum_buffer");
        if (Momentum == 0f && momentumBuffer.Length != 0)
            throw new ArgumentException(
                $"This optimizer has no momentum, so its momentum buffer is empty; got {momentumBuffer.Length} values.", nameof(momentumBuffer));
        if (_parameterCount >= 0 && momentumBuffer.Length != 0 && momentumBuffer.Length != _parameterCount)
            throw new ArgumentException(
                $"The momentum buffer has {momentumBuffer.Length} values but this optimizer updates {_parameterCount} parameters.", nameof(momentumBuffer));
        if (momentumBuffer.Length == 0)
        {
            _momentumBufferFilled = false;
        }
        else
        {
            EnsureState(momentumBuffer.Length);
            momentumBuffer.CopyTo(_momentumBuffer);
            _momentumBufferFilled = true;
        }
        StepCount = stepCount;
    }

    /// <inheritdoc/>
    public OptimizerState GetState() =>
        new(StepCount, _momentumBufferFilled ? [new KeyValuePair<string, float[]>("momentum_buffer", MomentumBuffer.ToArray())] : []);

    /// <inheritdoc/>
    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Buffers, nameof(state));
        float[]? momentum = null;
        foreach (KeyValuePair<string, float[]> buffer in state.Buffers)
        {
            if (buffer.Key != "momentum_buffer") throw new ArgumentException($"SGD has no state buffer named '{buffer.Key}'; it keeps only 'momentum_buffer'.", nameof(state));
            if (momentum is not null) throw new ArgumentException("The state holds buffer 'momentum_buffer' twice; SGD expects it once.", nameof(state));
            momentum = buffer.Value ?? throw new ArgumentException("State buffer 'momentum_buffer' is null.", nameof(state));
        }
        momentum ??= [];
        OptimizerChecks.RequireStepCount(state.StepCount);
        RestoreState(momentum, state.StepCount);
    }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
            throw new ArgumentException(
                $"Parameters and gradients must have the same length; got {parameters.Length} parameters and {gradients.Length} gradients.", nameof(gradients));
        if (_parameterCount >= 0 && parameters.Length != _parameterCount)
            throw new ArgumentException(
                $"This optimizer's state is sized for {_parameterCount} parameters; got {parameters.Length}.", nameof(parameters));
        EnsureState(parameters.Length);

        ReadOnlySpan<float> g = gradients;
        if (WeightDecay != 0f)
        {
            TensorPrimitives.MultiplyAdd(parameters, WeightDecay, gradients, _scratch); // g + wd·p
            g = _scratch;
        }

        Span<float> nextBuffer = default;
        if (Momentum != 0f)
        {
            nextBuffer = _nextMomentumBuffer;
            if (!_momentumBufferFilled)
            {
                g.CopyTo(nextBuffer);
            }
            else
            {
                TensorPrimitives.Multiply(_momentumBuffer, Momentum, nextBuffer);
                TensorPrimitives.MultiplyAdd(g, 1f - Dampening, nextBuffer, nextBuffer);
            }
            if (Nesterov)
            {
                TensorPrimitives.MultiplyAdd(nextBuffer, Momentum, g, _scratch); // g + momentum·buf
                g = _scratch;
            }
            else
            {
                g = nextBuffer;
            }
        }

        TensorPrimitives.MultiplyAdd(g, -LearningRate, parameters, _nextParameters);
        // IsFiniteAll is false for an empty span: without parameters or momentum there is nothing to check.
        if (parameters.Length > 0
            && (!TensorPrimitives.IsFiniteAll<float>(_nextParameters) || (Momentum != 0f && !TensorPrimitives.IsFiniteAll<float>(nextBuffer))))
        {
            throw Momentum != 0f
                ? OptimizerChecks.StepRefused("SGD", StepCount + 1, LearningRate, parameters, gradients, _nextParameters, ("momentum_buffer", _nextMomentumBuffer!))
                : OptimizerChecks.StepRefused("SGD", StepCount + 1, LearningRate, parameters, gradients, _nextParameters);
        }
        _nextParameters.CopyTo(parameters);
        if (Momentum != 0f)
        {
            (_momentumBuffer, _nextMomentumBuffer) = (_nextMomentumBuffer, _momentumBuffer);
            _momentumBufferFilled = true;
        }
        StepCount++;
    }

    private void EnsureState(int parameterCount)
    {
        if (_parameterCount >= 0) return;
        _parameterCount = parameterCount;
        _nextParameters = new float[parameterCount];
        if (Momentum != 0f)
        {
            _momentumBuffer = new float[parameterCount];
            _nextMomentumBuffer = new float[parameterCount];
        }
        if (WeightDecay != 0f || Nesterov) _scratch = new float[parameterCount];
    }
}
