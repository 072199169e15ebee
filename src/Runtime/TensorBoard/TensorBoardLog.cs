namespace CnnCompiler;

/// <summary>
/// What <see cref="Trainer.Fit"/> writes with <see cref="TrainingOptions.TensorBoardDirectory"/>. Every
/// <see cref="TrainingOptions.TensorBoardStepInterval"/> steps, at the global step: <c>step/loss</c> (the batch's loss)
/// and <c>step/learning_rate</c>. After every epoch, at the epoch's number: <c>epoch/loss</c>, <c>epoch/accuracy</c>,
/// <c>epoch/val_loss</c>, <c>epoch/val_accuracy</c> (those measured), <c>epoch/learning_rate</c>,
/// <c>epoch/images_per_second</c>; the first convolution's filters (<c>filters/conv1</c>) and its feature maps for the
/// first training sample of the run (<c>feature_maps/conv1</c>) as PNG images, when the network has a 1D or 2D
/// convolution; and a histogram of every tensor (<c>weights/conv1.weight</c>, …, BatchNorm running statistics included).
/// </summary>
internal sealed class TensorBoardLog : IDisposable
{
    private readonly TensorBoardWriter _writer;
    private readonly INetwork _network;
    private readonly int _interval;
    private readonly string? _convolution;
    private float[]? _sample;

    public TensorBoardLog(string directory, INetwork network, int interval)
    {
        _writer = new TensorBoardWriter(directory);
        _network = network;
        _interval = interval;
        _convolution = network.LayerList.FirstOrDefault(l => l.Kind is "Conv2D" or "Conv1D")?.Name;
    }

    public string FilePath => _writer.FilePath;

    /// <summary>Keeps the first sample it is given: the feature maps are of this one input throughout the run.</summary>
    public void RememberSample(ReadOnlySpan<float> sample)
    {
        if (_sample is null) _sample = sample.ToArray();
    }

    public bool WantsSample => _sample is null && _convolution is not null;

    public void Step(long globalStep, float loss, float learningRate)
    {
        if (_interval == 0 || globalStep % _interval != 0) return;
        _writer.AddScalar("step/loss", loss, globalStep);
        _writer.AddScalar("step/learning_rate", learningRate, globalStep);
    }

    public void Epoch(EpochMetrics metrics)
    {
        long step = metrics.Epoch;
        _writer.AddScalar("epoch/loss", metrics.Loss, step);
        if (metrics.Accuracy is { } accuracy) _writer.AddScalar("epoch/accuracy", accuracy, step);
        if (metrics.ValidationLoss is { } validationLoss) _writer.AddScalar("epoch/val_loss", validationLoss, step);
        if (metrics.ValidationAccuracy is { } validationAccuracy) _writer.AddScalar("epoch/val_accuracy", validationAccuracy, step);
        _writer.AddScalar("epoch/learning_rate", metrics.LearningRate, step);
        _writer.AddScalar("epoch/images_per_second", metrics.ImagesPerSecond, step);
        if (_convolution is not null)
        {
            AddPicture($"filters/{_convolution}", Visualize.FilterGrid(_network, _convolution), step);
            if (_sample is not null) AddPicture($"feature_maps/{_convolution}", Visualize.FeatureMapGrid(_network, _convolution, _sample), step);
        }
        foreach (TensorInfo tensor in _network.Tensors) _writer.AddHistogram($"weights/{tensor.Name}", tensor.Values(_network), step);
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    private void AddPicture(string tag, Raster image, long step)
    {
        using var png = new MemoryStream();
        PngEncoder.Write(image, png);
        _writer.AddImage(tag, png.GetBuffer().AsSpan(0, (int)png.Length), image.Width, image.Height, image.Channels, step);
    }
}
