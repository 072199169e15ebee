using System.Globalization;

namespace CnnCompiler;

/// <summary>
/// Hyperparameters, moment buffers and checkpoint state of <see cref="Adam"/> and <see cref="AdamW"/>, which differ
/// only in how weight decay is applied. Buffers are sized on the first step (or restore) and reused afterwards. A step
/// is computed into a second set of buffers and taken (the parameters copied, the moment buffers swapped) only when all
/// of it is finite, so a refused step leaves parameters and moments as they were, without allocating.
/// </summary>
internal sealed class AdamCore
{
    public const string ExpAvgName = "exp_avg";
    public const string ExpAvgSqName = "exp_avg_sq";
    public const string MaxExpAvgSqName = "max_exp_avg_sq";

    private readonly string _name;
    private float _learningRate;
    private float[]? _expAvg;
    private float[]? _expAvgSq;
    private float[]? _maxExpAvgSq;
    private float[]? _nextParameters;
    private float[]? _nextExpAvg;
    private float[]? _nextExpAvgSq;
    private float[]? _nextMaxExpAvgSq;
    private int _parameterCount = -1;

    public AdamCore(string name, float learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool amsGrad, bool decoupled)
    {
        _name = name;
        LearningRate = learningRate;
        if (!(beta1 >= 0 && beta1 < 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Beta1 must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1))
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Beta2 must be in [0, 1).");
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be a finite value ≥ 0.");
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be a finite value ≥ 0.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        AmsGrad = amsGrad;
        Decoupled = decoupled;
    }

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

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public double WeightDecay { get; }

    public bool AmsGrad { get; }

    public bool Decoupled { get; }

    public long StepCount { get; private set; }

    public ReadOnlySpan<float> ExpAvg => StepCount > 0 ? _expAvg : [];

    public ReadOnlySpan<float> ExpAvgSq => StepCount > 0 ? _expAvgSq : [];

    public ReadOnlySpan<float> MaxExpAvgSq => StepCount > 0 ? _maxExpAvgSq : [];

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
            throw new ArgumentException(
                $"Parameters and gradients must have the same length; got {parameters.Length} parameters and {gradients.Length} gradients.", nameof(gradients));
        if (_parameterCount >= 0 && parameters.Length != _parameterCount)
            throw new ArgumentException(
                $"This optimizer's state is sized for {_parameterCount} parameters; got {parameters.Length}.", nameof(parameters));
        EnsureBuffers(parameters.Length);

        long step = StepCount + 1;
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, step);
        double learningRate = LearningRate;
        var scalars = new AdamKernel.Scalars(
            ParameterScale: (float)(1 - learningRate * WeightDecay),
            L2Decay: (float)WeightDecay,
            Beta1Weight: (float)(1 - Beta1),
            Beta2: (float)Beta2,
            OneMinusBeta2: (float)(1 - Beta2),
            BiasCorrection2Sqrt: (float)Math.Sqrt(biasCorrection2),
            Epsilon: (float)Epsilon,
            NegativeStepSize: (float)(-learningRate / biasCorrection1),
            Decoupled: Decoupled && WeightDecay != 0,
            L2: !Decoupled && WeightDecay != 0,
            AmsGrad: AmsGrad);
        bool finite = AdamKernel.Update(
            parameters, gradients, _expAvg, _expAvgSq, _maxExpAvgSq, _nextParameters, _nextExpAvg, _nextExpAvgSq, _nextMaxExpAvgSq, scalars);
        if (!finite)
            throw OptimizerChecks.StepRefused(_name, step, LearningRate, parameters, gradients, _nextParameters,
                (ExpAvgName, _nextExpAvg!), (ExpAvgSqName, _nextExpAvgSq!), (MaxExpAvgSqName, _nextMaxExpAvgSq!));
        _nextParameters.CopyTo(parameters);
        (_expAvg, _nextExpAvg) = (_nextExpAvg, _expAvg);
        (_expAvgSq, _nextExpAvgSq) = (_nextExpAvgSq, _expAvgSq);
        (_maxExpAvgSq, _nextMaxExpAvgSq) = (_nextMaxExpAvgSq, _maxExpAvgSq);
        StepCount = step;
    }

    public OptimizerState GetState()
    {
        if (StepCount == 0) return new OptimizerState(0, []);
        var buffers = new List<KeyValuePair<string, float[]>>(3)
        {
            new(ExpAvgName, ExpAvg.ToArray()),
            new(ExpAvgSqName, ExpAvgSq.ToArray()),
        };
        if (AmsGrad) buffers.Add(new(MaxExpAvgSqName, MaxExpAvgSq.ToArray()));
        return new OptimizerState(StepCount, buffers);
    }

    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Buffers, nameof(state));
        OptimizerChecks.RequireStepCount(state.StepCount);
        float[]? expAvg = null, expAvgSq = null, maxExpAvgSq = null;
        foreach (KeyValuePair<string, float[]> buffer in state.Buffers)
        {
            switch (buffer.Key)
            {
                case ExpAvgName: Assign(ref expAvg, buffer); break;
                case ExpAvgSqName: Assign(ref expAvgSq, buffer); break;
                case MaxExpAvgSqName when AmsGrad: Assign(ref maxExpAvgSq, buffer); break;
                default:
                    throw new ArgumentException($"{_name} has no state buffer named '{buffer.Key}'; it keeps {ExpectedNames()}.", nameof(state));
            }
        }

        if (state.Buffers.Count == 0)
        {
            if (state.StepCount != 0)
                throw new ArgumentException(
                    $"{_name}'s state after {state.StepCount} steps holds {ExpectedNames()}; the given state has no buffers.", nameof(state));
            StepCount = 0;
            ClearBuffers();
            return;
        }
        if (state.StepCount == 0)
            throw new ArgumentException(
                $"{_name}'s state before the first step has no buffers; the given state has {state.Buffers.Count} with step count 0.", nameof(state));
        if (expAvg is null || expAvgSq is null || (AmsGrad && maxExpAvgSq is null))
            throw new ArgumentException($"{_name}'s state must hold {ExpectedNames()}; the given state lacks {MissingNames(expAvg, expAvgSq, maxExpAvgSq)}.", nameof(state));

        int length = expAvg.Length;
        int expected = _parameterCount >= 0 ? _parameterCount : length;
        foreach (KeyValuePair<string, float[]> buffer in state.Buffers)
        {
            if (buffer.Value.Length != expected)
                throw new ArgumentException(
                    $"State buffer '{buffer.Key}' has {buffer.Value.Length} values but {expected} are expected " +
                    (_parameterCount >= 0 ? "(the parameters this optimizer updates)." : $"(the length of '{ExpAvgName}')."), nameof(state));
        }
        OptimizerChecks.RequireValid(expAvg, ExpAvgName);
        OptimizerChecks.RequireValid(expAvgSq, ExpAvgSqName, nonNegative: true);
        if (maxExpAvgSq is not null)
        {
            OptimizerChecks.RequireValid(maxExpAvgSq, MaxExpAvgSqName, nonNegative: true);
            // Each step stores max(v̂, v) after v, so the running maximum is never below the moment it follows.
            for (int i = 0; i < length; i++)
            {
                if (maxExpAvgSq[i] < expAvgSq[i])
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"State buffer '{MaxExpAvgSqName}' is {maxExpAvgSq[i]} at index {i:N0}, below '{ExpAvgSqName}' ({expAvgSq[i]}); a running maximum cannot be."), nameof(state));
            }
        }
        EnsureBuffers(length);
        expAvg.CopyTo(_expAvg!, 0);
        expAvgSq.CopyTo(_expAvgSq!, 0);
        maxExpAvgSq?.CopyTo(_maxExpAvgSq!, 0);
        StepCount = state.StepCount;
    }

    private void Assign(ref float[]? target, KeyValuePair<string, float[]> buffer)
    {
        if (target is not null)
            throw new ArgumentException($"The state holds buffer '{buffer.Key}' twice; {_name} expects it once.", "state");
        target = buffer.Value ?? throw new ArgumentException($"State buffer '{buffer.Key}' is null.", "state");
    }

    private string ExpectedNames() =>
        AmsGrad ? $"'{ExpAvgName}', '{ExpAvgSqName}' and '{MaxExpAvgSqName}'" : $"'{ExpAvgName}' and '{ExpAvgSqName}'";

    private string MissingNames(float[]? expAvg, float[]? expAvgSq, float[]? maxExpAvgSq)
    {
        var missing = new List<string>(3);
        if (expAvg is null) missing.Add($"'{ExpAvgName}'");
        if (expAvgSq is null) missing.Add($"'{ExpAvgSqName}'");
        if (AmsGrad && maxExpAvgSq is null) missing.Add($"'{MaxExpAvgSqName}'");
        return string.Join(" and ", missing);
    }

    private void EnsureBuffers(int parameterCount)
    {
        if (_parameterCount >= 0) return;
        _parameterCount = parameterCount;
        _expAvg = new float[parameterCount];
        _expAvgSq = new float[parameterCount];
        _maxExpAvgSq = AmsGrad ? new float[parameterCount] : [];
        _nextParameters = new float[parameterCount];
        _nextExpAvg = new float[parameterCount];
        _nextExpAvgSq = new float[parameterCount];
        _nextMaxExpAvgSq = AmsGrad ? new float[parameterCount] : [];
    }

    private void ClearBuffers()
    {
        if (_parameterCount < 0) return;
        Array.Clear(_expAvg!);
        Array.Clear(_expAvgSq!);
        Array.Clear(_maxExpAvgSq!);
    }
}
