namespace CnnCompiler;

/// <summary>
/// Keras's <c>EarlyStopping</c> rule: an epoch improves when its metric beats the best by more than the minimum delta;
/// after <see cref="EarlyStopping.Patience"/> epochs without improvement, training stops. Keeps a copy of the best
/// epoch's weights when they are to be restored.
/// </summary>
internal sealed class EarlyStoppingTracker
{
    private readonly EarlyStopping _options;
    private readonly float[]? _bestParameters;
    private readonly float[]? _bestState;
    private double _best;
    private int _bestEpoch;
    private int _wait;

    public EarlyStoppingTracker(EarlyStopping options, INetwork network)
    {
        _options = options;
        _best = LowerIsBetter ? double.PositiveInfinity : double.NegativeInfinity;
        if (options.RestoreBestWeights)
        {
            _bestParameters = new float[network.Parameters.Length];
            _bestState = new float[network.State.Length];
        }
    }

    public int BestEpoch => _bestEpoch;

    public string MetricName => LowerIsBetter ? "val_loss" : "val_accuracy";

    public double Best => _best;

    private bool LowerIsBetter => _options.Metric == EarlyStoppingMetric.ValidationLoss;

    /// <summary>Records an epoch's metrics (and snapshots the weights if it is the best); returns whether to stop.</summary>
    public bool Update(EpochMetrics metrics, INetwork network)
    {
        double value = (LowerIsBetter ? metrics.ValidationLoss : metrics.ValidationAccuracy) ?? double.NaN;
        bool improved = LowerIsBetter ? value < _best - _options.MinDelta : value > _best + _options.MinDelta;
        if (improved)
        {
            _best = value;
            _bestEpoch = metrics.Epoch;
            _wait = 0;
            if (_bestParameters is not null)
            {
                network.Parameters.CopyTo(_bestParameters);
                network.State.CopyTo(_bestState);
            }
            return false;
        }
        _wait++;
        return _wait >= _options.Patience;
    }

    /// <summary>Gives the network its best epoch's weights, when configured and when the best epoch was not the last; returns whether it did.</summary>
    public bool RestoreBest(INetwork network, int lastEpoch)
    {
        if (_bestParameters is null || _bestEpoch == 0 || _bestEpoch == lastEpoch) return false;
        _bestParameters.CopyTo(network.Parameters);
        _bestState.CopyTo(network.State);
        return true;
    }

    public EarlyStoppingState GetState() =>
        new(_best, _bestEpoch, _wait, _bestParameters?.ToArray(), _bestState?.ToArray());

    /// <summary>
    /// Continues from a checkpointed state, which <see cref="TrainingChecks.RequireResumable"/> has found to fit: when best
    /// weights are restored, the state holds them whenever it has a best epoch.
    /// </summary>
    public void SetState(EarlyStoppingState state)
    {
        _best = state.Best;
        _bestEpoch = state.BestEpoch;
        _wait = state.Wait;
        if (_bestParameters is null || state.BestParameters is null || state.BestState is null) return;
        state.BestParameters.CopyTo(_bestParameters, 0);
        state.BestState.CopyTo(_bestState!, 0);
    }
}
