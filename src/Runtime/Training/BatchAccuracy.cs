using CnnCompiler.CompilerServices;
namespace CnnCompiler;

/// <summary>
/// Counts the correctly classified samples of a training batch, split over the network's threads like a training
/// step (inference is safe from many threads at once). Runs on the shared <see cref="WorkerPool"/>, allocating nothing.
/// </summary>
internal sealed class BatchAccuracy : IParallelWork
{
    private readonly IClassifier _network;
    private readonly float[] _inputs;
    private readonly int[] _labels;
    private readonly int[] _predictions;
    private readonly int[] _correct;
    private int _count;
    private int _perWorker;

    public BatchAccuracy(IClassifier network, float[] inputs, int[] labels, int maxThreads)
    {
        _network = network;
        _inputs = inputs;
        _labels = labels;
        _predictions = new int[labels.Length];
        _correct = new int[maxThreads];
    }

    /// <summary>Correct predictions among the first <paramref name="count"/> samples of the batch buffers.</summary>
    public int CountCorrect(int count)
    {
        int threads = Math.Min(Math.Min(_network.Threads, _correct.Length), count);
        _count = count;
        _perWorker = (count + threads - 1) / threads;
        threads = (count + _perWorker - 1) / _perWorker;
        if (threads == 1) Execute(0);
        else WorkerPool.Shared(threads).Run(this);
        int correct = 0;
        for (int t = 0; t < threads; t++) correct += _correct[t];
        return correct;
    }

    public void Execute(int worker)
    {
        int start = worker * _perWorker;
        int n = Math.Min(_perWorker, _count - start);
        int length = _network.InputLength;
        Span<int> predictions = _predictions.AsSpan(start, n);
        _network.Classify(_inputs.AsSpan(start * length, n * length), predictions);
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            if (predictions[i] == _labels[start + i]) correct++;
        }
        _correct[worker] = correct;
    }
}
