namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>A damaged copy of a pristine file: its bytes and what was done to them (for failure messages).</summary>
internal sealed record Mutant(string Operator, string Detail, byte[] Bytes)
{
    public override string ToString() => $"{Operator} ({Detail}), {Bytes.Length} bytes";
}
