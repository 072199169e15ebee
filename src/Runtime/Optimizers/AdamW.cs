namespace CnnCompiler;

/// <summary>
/// AdamW with the semantics of <c>torch.optim.AdamW</c> (Loshchilov and Hutter): Adam whose weight decay is decoupled
/// from the gradient, shrinking the parameters directly before the Adam update. With t the step number:
/// <code>
/// p = p·(1 − lr·weightDecay)
/// m = β1·m + (1 − β1)·grad                  (computed as lerp(m, grad, 1 − β1))
/// v = β2·v + (1 − β2)·grad²
/// v̂ = max(v̂, v), used instead of v           (amsgrad only)
/// p = p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + eps)
/// </code>
/// Buffers (<c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>) start at zero and are sized on the first
/// <see cref="Step"/>; later steps allocate nothing. The update is one vectorized pass over the parameters.
/// </summary>
public sealed class AdamW : IOptimizer
{
    private readonly AdamCore _core;

    /// <param name="learningRate">The step size (PyTorch's default 1e-3).</param>
    /// <param name="beta1">Decay of the first-moment average, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment average, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">Decoupled decay coefficient (PyTorch's default 0.01): each step scales p by 1 − lr·weightDecay.</param>
    /// <param name="amsGrad">Use the running maximum of the second moment, as PyTorch's <c>amsgrad=True</c>.</param>
    public AdamW(float learningRate = 1e-3f, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01, bool amsGrad = false)
    {
        _core = new AdamCore(nameof(AdamW), learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: true);
    }

    /// <summary>The step size; settable so that learning-rate schedules can change it between steps.</summary>
    public float LearningRate
    {
        get => _core.LearningRate;
        set => _core.LearningRate = value;
    }

    public double Beta1 => _core.Beta1;

    public double Beta2 => _core.Beta2;

    public double Epsilon => _core.Epsilon;

    public double WeightDecay => _core.WeightDecay;

    public bool AmsGrad => _core.AmsGrad;

    /// <summary>Steps taken so far.</summary>
    public long StepCount => _core.StepCount;

    /// <summary>The first-moment average (<c>exp_avg</c>), laid out like the parameters; empty before the first step.</summary>
    public ReadOnlySpan<float> ExpAvg => _core.ExpAvg;

    /// <summary>The second-moment average (<c>exp_avg_sq</c>); empty before the first step.</summary>
    public ReadOnlySpan<float> ExpAvgSq => _core.ExpAvgSq;

    /// <summary>The running maximum of <see cref="ExpAvgSq"/> (<c>max_exp_avg_sq</c>); empty without amsgrad or before the first step.</summary>
    public ReadOnlySpan<float> MaxExpAvgSq => _core.MaxExpAvgSq;

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _core.Step(parameters, gradients);

    /// <inheritdoc/>
    public OptimizerState GetState() => _core.GetState();

    /// <inheritdoc/>
    public void SetState(OptimizerState state) => _core.SetState(state);
}
