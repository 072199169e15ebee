using System.Runtime.CompilerServices;

// The image tests read the TensorBoard records back with the generated protobuf classes and check the CRC-32C helper.
[assembly: InternalsVisibleTo("CnnCompiler.Images.Tests")]
