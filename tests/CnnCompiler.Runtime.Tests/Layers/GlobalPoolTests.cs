using CnnCompiler.CompilerServices;
using static CnnCompiler.Runtime.Tests.Layers.LayerTestData;

namespace CnnCompiler.Runtime.Tests.Layers;

/// <summary>The runtime's global pooling: each plane to its maximum (the winner keeps the gradient) or its mean (which spreads it).</summary>
public sealed class GlobalPoolTests
{
    private const int Channels = 3, Plane = 7, Count = 2;

    private readonly struct Max : IGlobalPoolShape
    {
        public static int Channels => GlobalPoolTests.Channels;
        public static int Plane => GlobalPoolTests.Plane;
        public static bool Maximum => true;
    }

    private readonly struct Mean : IGlobalPoolShape
    {
        public static int Channels => GlobalPoolTests.Channels;
        public static int Plane => GlobalPoolTests.Plane;
        public static bool Maximum => false;
    }

    [Fact]
    public void Max_pooling_keeps_each_planes_largest_value_and_routes_its_gradient_there()
    {
        float[] x = Values(Count * Channels * Plane, 1);
        x[2 * Plane + 4] = 9f; // sample 0, channel 2: the winner is at 4
        float[] y = new float[Count * Channels];
        int[] winners = new int[Count * Channels];
        GlobalPool<Max>.Forward(x, y, winners, Count);
        for (int j = 0; j < Count * Channels; j++)
        {
            ReadOnlySpan<float> plane = x.AsSpan(j * Plane, Plane);
            Assert.Equal(plane.ToArray().Max(), y[j]);
            Assert.Equal(plane[winners[j]], y[j]);
        }
        Assert.Equal(4, winners[2]);

        float[] dy = [1f, 2f, 3f, 4f, 5f, 6f];
        float[] dx = Enumerable.Repeat(42f, Count * Channels * Plane).ToArray(); // stale values must be cleared
        GlobalPool<Max>.Backward(dy, dx, winners, Count);
        for (int j = 0; j < Count * Channels; j++)
        {
            for (int i = 0; i < Plane; i++) Assert.Equal(i == winners[j] ? dy[j] : 0f, dx[j * Plane + i]);
        }
    }

    [Fact]
    public void Average_pooling_takes_each_planes_mean_and_spreads_its_gradient_evenly()
    {
        float[] x = Values(Count * Channels * Plane, 2), y = new float[Count * Channels];
        GlobalPool<Mean>.Forward(x, y, default, Count);
        for (int j = 0; j < Count * Channels; j++) Assert.Equal(x.Skip(j * Plane).Take(Plane).Sum() / Plane, y[j], 1e-6f);

        float[] dy = [7f, -14f, 0.7f, 1f, 2f, 3f], dx = new float[Count * Channels * Plane];
        GlobalPool<Mean>.Backward(dy, dx, default, Count);
        for (int i = 0; i < dx.Length; i++) Assert.Equal(dy[i / Plane] / Plane, dx[i]);
    }

    [Fact]
    public void No_input_gradient_wanted_writes_nothing()
    {
        int[] winners = new int[Count * Channels];
        GlobalPool<Max>.Backward(new float[Count * Channels], default, winners, Count); // an empty target: returns, no exception
        GlobalPool<Mean>.Backward(new float[Count * Channels], default, default, Count);
        Assert.All(winners, w => Assert.Equal(0, w));
    }
}
