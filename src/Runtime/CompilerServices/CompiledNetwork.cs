using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// What a generated network class holds: its <see cref="Network{TDefinition, TLoss, TTarget}"/>, seen through this
/// non-generic base because the generated class cannot name its file-local definition in a field's type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CompiledNetwork
{
    private protected CompiledNetwork()
    {
    }
}
