using System.Reflection;
using CnnCompiler.Bench.Networks;

namespace CnnCompiler.Bench;

/// <summary>
/// Applies <c>--threads N</c> to the generated network. The generator may or may not emit a settable
/// <c>int Threads</c> property (data-parallel training); it is found by reflection so that this harness builds either way.
/// Without it the network runs on the calling thread only and every figure is reported as threads=1.
/// </summary>
internal sealed class ThreadsSetting
{
    private readonly PropertyInfo? _property;

    private ThreadsSetting(int requested, PropertyInfo? property)
    {
        Requested = requested;
        _property = property;
    }

    /// <summary>The thread count asked for on the command line.</summary>
    public int Requested { get; }

    /// <summary>Whether the generated class has a settable <c>int Threads</c> property.</summary>
    public bool Supported => _property is not null;

    /// <summary>The thread count the figures are reported under: <see cref="Requested"/> if supported, else 1.</summary>
    public int Effective => Supported ? Requested : 1;

    public static ThreadsSetting For(int requested)
    {
        PropertyInfo? property = typeof(BenchLeNet5).GetProperty("Threads", BindingFlags.Public | BindingFlags.Instance);
        if (property is not null && (property.PropertyType != typeof(int) || property.SetMethod is not { IsPublic: true })) property = null;
        return new ThreadsSetting(requested, property);
    }

    /// <summary>Sets the thread count on <paramref name="network"/> (when supported) and says what was done.</summary>
    public void Apply(BenchLeNet5 network)
    {
        if (Supported)
        {
            _property!.SetValue(network, Requested);
            Console.WriteLine($"INFO threads: BenchLeNet5.Threads = {_property.GetValue(network)}");
        }
        else if (Requested != 1)
        {
            Console.WriteLine($"INFO threads: the generated BenchLeNet5 has no settable Threads property, so it runs on one thread; " +
                              $"--threads {Requested} is ignored and the figures are reported as threads=1.");
        }
    }
}
