namespace CnnCompiler.CompilerServices;

public sealed partial class Network<TDefinition, TLoss, TTarget>
{
    private int _trainingCalls;
    private int _inferenceCalls;

    // Inference reads the parameters that training writes: calls that overlap a training step are refused, never raced.
    private void EnterTraining()
    {
        if (Interlocked.Increment(ref _trainingCalls) != 1)
        {
            Interlocked.Decrement(ref _trainingCalls);
            throw new InvalidOperationException($"{TDefinition.Name} is already training on another thread; TrainStep and ComputeGradients take one caller at a time.");
        }
        SpinWait spin = default;
        while (Volatile.Read(ref _inferenceCalls) != 0) spin.SpinOnce();
    }

    private void ExitTraining() => Interlocked.Decrement(ref _trainingCalls);

    private void EnterInference()
    {
        Interlocked.Increment(ref _inferenceCalls);
        if (Volatile.Read(ref _trainingCalls) != 0)
        {
            Interlocked.Decrement(ref _inferenceCalls);
            throw new InvalidOperationException($"{TDefinition.Name} is training on another thread; Predict, Classify and ComputeLoss cannot run during a training step.");
        }
    }

    private void ExitInference() => Interlocked.Decrement(ref _inferenceCalls);
}
