using System.Runtime.CompilerServices;

// The CRC-32 behind the gzip and PNG checks is tested against its bitwise definition.
[assembly: InternalsVisibleTo("CnnCompiler.Runtime.Tests")]
