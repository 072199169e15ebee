using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace CnnCompiler;

/// <summary>
/// Serves an <see cref="ImageFolderDataset"/> in seeded, shuffled mini-batches decoded in the background, as PyTorch's
/// <c>DataLoader(num_workers=…)</c> does: <see cref="ImageFolderOptions.Workers"/> threads each take the next batch
/// number, decode its images into one of <see cref="ImageFolderOptions.PrefetchBatches"/> batch buffers (a bounded
/// queue: a worker waits while all of them are ready and unread) and the reader takes the batches in order. While
/// decoding keeps up, a ready batch is always waiting; <see cref="WaitTime"/> says how long the reader did wait.
/// <para>
/// The batches are a function of the seed alone: the order is drawn per epoch from the loader's own generator, and a
/// random crop or <see cref="ImageFolderOptions.RandomResizedCrop"/> window from the seed, the epoch and the sample's
/// index, whichever worker decodes it. A bad file is an
/// <see cref="InvalidDataException"/> naming it, thrown by the call that would have returned its batch; with
/// <see cref="ImageFolderOptions.SkipBadFiles"/> it is left out of its batch (which is one sample shorter) and listed in
/// <see cref="ImageFolderDataset.Skipped"/>. With <see cref="ImageFolderOptions.CacheInMemory"/> each image is decoded
/// once, and later epochs copy it from memory.
/// </para>
/// Usage: <c>while (loader.TryGetNext(out var batch)) …</c> once per epoch; dispose to stop the workers.
/// </summary>
public sealed class ImageBatchLoader : IBatchSource, IDisposable
{
    private enum SlotState
    {
        Free,
        Filling,
        Ready,
    }

    private readonly ImageFolderDataset _data;
    private readonly ulong _seed;
    private readonly int _sampleLength;
    private readonly int[] _order;
    private readonly float[][] _slotInputs;
    private readonly int[][] _slotLabels;
    private readonly int[][] _slotIndices;
    private readonly int[] _indices;
    private readonly int[] _slotCount;
    private readonly int[] _slotBatch;
    private readonly SlotState[] _slotState;
    private readonly ExceptionDispatchInfo?[] _slotError;
    private readonly float[]? _cache;
    private readonly bool[]? _cached;
    private readonly object _lock = new();
    private Thread[]? _workers;
    private int _epoch;
    private int _generation;
    private int _nextToClaim;
    private int _nextToRead;
    private bool _inEpoch;
    private bool _disposed;
    private bool _resetting;
    private long _waitTicks;
    private long _decoded;

    /// <param name="data">The images.</param>
    /// <param name="batchSize">Samples per batch, 1 … data.Count.</param>
    /// <param name="seed">Seeds the shuffles and the random crops.</param>
    /// <param name="shuffle">False serves the images in folder order every epoch.</param>
    public ImageBatchLoader(ImageFolderDataset data, int batchSize, ulong seed, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1 || batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be between 1 and the image folder's {data.Count:N0} images.");
        _data = data;
        _seed = seed;
        Random = new SeededRandom(seed);
        Shuffle = shuffle;
        BatchSize = batchSize;
        _sampleLength = data.SampleLength;
        _order = new int[data.Count];
        Inputs = new float[batchSize * _sampleLength];
        Labels = new int[batchSize];
        int slots = data.Options.PrefetchBatches;
        _slotInputs = new float[slots][];
        _slotLabels = new int[slots][];
        _slotIndices = new int[slots][];
        _indices = new int[batchSize];
        for (int s = 0; s < slots; s++)
        {
            _slotInputs[s] = new float[batchSize * _sampleLength];
            _slotLabels[s] = new int[batchSize];
            _slotIndices[s] = new int[batchSize];
        }
        _slotCount = new int[slots];
        _slotBatch = new int[slots];
        _slotState = new SlotState[slots];
        _slotError = new ExceptionDispatchInfo?[slots];
        if (data.Options.CacheInMemory)
        {
            _cache = new float[(long)data.Count * _sampleLength];
            _cached = new bool[data.Count];
        }
    }

    public int BatchSize { get; }

    public bool Shuffle { get; }

    /// <summary>Batches in one epoch (the last may be smaller).</summary>
    public int BatchesPerEpoch => (_order.Length + BatchSize - 1) / BatchSize;

    /// <summary>Epochs begun so far.</summary>
    public int Epoch => _epoch;

    /// <summary>How long the reader has waited for a batch that was not decoded yet, over all epochs.</summary>
    public TimeSpan WaitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _waitTicks));

    /// <summary>Images decoded from their files so far (cached ones are not decoded again).</summary>
    public long DecodedImages => Interlocked.Read(ref _decoded);

    /// <summary>The shuffles' generator (its state continues a run from a checkpoint).</summary>
    internal SeededRandom Random { get; }

    SeededRandom IBatchSource.Random => Random;

    /// <summary>The current batch, copied out of its queue buffer (the first <c>count × SampleLength</c> floats).</summary>
    internal float[] Inputs { get; }

    internal int[] Labels { get; }

    float[] IBatchSource.Inputs => Inputs;

    int[] IBatchSource.Labels => Labels;

    /// <summary>
    /// The next batch of the current epoch, beginning a new reshuffled epoch after the previous one ended; false once the
    /// epoch is exhausted. <see cref="MiniBatch.Indices"/> are the samples' indices in the image folder. The spans stay
    /// valid until the next call.
    /// </summary>
    public bool TryGetNext(out MiniBatch batch)
    {
        if (!_inEpoch) BeginEpoch(_epoch + 1);
        int count = Next();
        if (count == 0)
        {
            _inEpoch = false;
            batch = default;
            return false;
        }
        batch = new MiniBatch(Inputs.AsSpan(0, count * _sampleLength), Labels.AsSpan(0, count), _indices.AsSpan(0, count));
        return true;
    }

    /// <summary>Abandons the rest of the current epoch: the next <see cref="TryGetNext"/> begins a new one.</summary>
    public void EndEpoch() => _inEpoch = false;

    void IBatchSource.BeginEpoch(int epoch) => BeginEpoch(epoch);

    int IBatchSource.Next() => Next();

    internal void BeginEpoch(int epoch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_lock)
        {
            // Work of an abandoned epoch is discarded: wait for batches being filled, then free every buffer.
            _generation++;
            _resetting = true;
            while (_slotState.Contains(SlotState.Filling)) Monitor.Wait(_lock);
            _resetting = false;
            Array.Fill(_slotState, SlotState.Free);
            Array.Clear(_slotError);
            Shuffling.FillIdentity(_order);
            if (Shuffle) Shuffling.Shuffle(_order, Random);
            _epoch = epoch;
            _nextToClaim = 0;
            _nextToRead = 0;
            _inEpoch = true;
            Monitor.PulseAll(_lock);
        }
        if (_workers is null)
        {
            _workers = new Thread[Math.Min(_data.Options.WorkerCount, Math.Max(1, BatchesPerEpoch))];
            for (int w = 0; w < _workers.Length; w++)
            {
                _workers[w] = new Thread(WorkerLoop) { IsBackground = true, Name = $"CnnCompiler image decoder {w}" };
                _workers[w].Start();
            }
        }
    }

    internal int Next()
    {
        int batches = BatchesPerEpoch;
        while (_nextToRead < batches)
        {
            int slot = _nextToRead % _slotState.Length;
            lock (_lock)
            {
                if (!(_slotState[slot] == SlotState.Ready && _slotBatch[slot] == _nextToRead))
                {
                    long waitStart = Stopwatch.GetTimestamp();
                    while (!(_slotState[slot] == SlotState.Ready && _slotBatch[slot] == _nextToRead)) Monitor.Wait(_lock);
                    _waitTicks += Stopwatch.GetTimestamp() - waitStart;
                }
            }
            _nextToRead++;
            if (_slotError[slot] is { } error)
            {
                Release(slot);
                error.Throw();
            }
            int count = _slotCount[slot];
            _slotInputs[slot].AsSpan(0, count * _sampleLength).CopyTo(Inputs);
            _slotLabels[slot].AsSpan(0, count).CopyTo(Labels);
            _slotIndices[slot].AsSpan(0, count).CopyTo(_indices);
            Release(slot);
            if (count > 0) return count; // a batch whose every file was skipped is passed over
        }
        return 0;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _generation++;
            Monitor.PulseAll(_lock);
        }
        if (_workers is null) return;
        foreach (Thread worker in _workers) worker.Join();
    }

    private void Release(int slot)
    {
        lock (_lock)
        {
            _slotState[slot] = SlotState.Free;
            _slotError[slot] = null;
            Monitor.PulseAll(_lock);
        }
    }

    private void WorkerLoop()
    {
        while (true)
        {
            int batch, slot, generation, epoch;
            lock (_lock)
            {
                while (!_disposed && (_nextToClaim >= BatchesPerEpoch || _resetting || _epoch == 0 || _slotState[_nextToClaim % _slotState.Length] != SlotState.Free))
                    Monitor.Wait(_lock);
                if (_disposed) return;
                batch = _nextToClaim++;
                slot = batch % _slotState.Length;
                _slotState[slot] = SlotState.Filling;
                _slotBatch[slot] = batch;
                generation = _generation;
                epoch = _epoch;
            }
            ExceptionDispatchInfo? error = null;
            int count = 0;
            try
            {
                count = Fill(batch, slot, epoch);
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            lock (_lock)
            {
                if (generation == _generation)
                {
                    _slotCount[slot] = count;
                    _slotError[slot] = error;
                    _slotState[slot] = SlotState.Ready;
                }
                else _slotState[slot] = SlotState.Free; // the epoch was abandoned meanwhile
                Monitor.PulseAll(_lock);
            }
        }
    }

    private int Fill(int batch, int slot, int epoch)
    {
        int first = batch * BatchSize;
        int size = Math.Min(BatchSize, _order.Length - first);
        float[] inputs = _slotInputs[slot];
        int[] labels = _slotLabels[slot];
        int[] indices = _slotIndices[slot];
        int count = 0;
        for (int i = 0; i < size; i++)
        {
            int index = _order[first + i];
            Span<float> target = inputs.AsSpan(count * _sampleLength, _sampleLength);
            if (_cache is not null && Volatile.Read(ref _cached![index]))
            {
                _cache.AsSpan(index * _sampleLength, _sampleLength).CopyTo(target);
            }
            else
            {
                try
                {
                    _data.Decode(index, target, ImageFolderDataset.SampleSeed(_seed, epoch, index));
                    Interlocked.Increment(ref _decoded);
                }
                catch (InvalidDataException e) when (_data.Options.SkipBadFiles)
                {
                    _data.RecordSkipped(index, e.Message);
                    continue;
                }
                if (_cache is not null)
                {
                    target.CopyTo(_cache.AsSpan(index * _sampleLength, _sampleLength));
                    Volatile.Write(ref _cached![index], true);
                }
            }
            labels[count] = _data.Label(index);
            indices[count++] = index;
        }
        return count;
    }
}
