using System.Runtime.CompilerServices;

// The PNG encoder and tile grid are tested directly, beside the public Visualize methods.
[assembly: InternalsVisibleTo("CnnCompiler.Visualization.Tests")]
