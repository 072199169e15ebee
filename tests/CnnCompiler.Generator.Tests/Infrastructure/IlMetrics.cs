using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CnnCompiler.Generator.Tests.Infrastructure;

/// <summary>
/// What RyuJIT looks at, before importing a method, to decide whether it is too big to optimize (MinOpts): the size of
/// the IL, the number of locals, the number of basic blocks and the number of local references.
/// </summary>
/// <param name="Name">Type path without the namespace, method name and parameter types: <c>Net.Layers.Conv1.Forward(float*, int)</c>.</param>
/// <param name="IlBytes">Size of the IL code (the JIT's compILCodeSize: code only, no header, no exception regions).</param>
/// <param name="Locals">Locals declared in the local signature.</param>
/// <param name="BasicBlocks">Basic blocks of the IL: the JIT starts one at the entry, at every branch or switch target,
/// after every branch, return, throw, leave, endfinally and endfilter, and at every boundary of an exception region.</param>
/// <param name="LocalReferences">ldloc/stloc/ldloca and ldarg/starg/ldarga instructions (arguments included: an over-count, on the safe side).</param>
public sealed record MethodIlMetrics(string Name, int IlBytes, int Locals, int BasicBlocks, int LocalReferences);

/// <summary>Reads every method body of an assembly image with System.Reflection.Metadata and measures it.</summary>
public static class IlMetrics
{
    /// <summary>Measures the methods with a body of the given top-level types (namespace-qualified names) and of every type nested in them.</summary>
    public static IReadOnlyList<MethodIlMetrics> Measure(Stream peImage, IReadOnlySet<string> topLevelTypes)
    {
        peImage.Position = 0;
        using var pe = new PEReader(peImage, PEStreamOptions.LeaveOpen | PEStreamOptions.PrefetchEntireImage);
        MetadataReader reader = pe.GetMetadataReader();
        var signatures = new SignatureNames();
        var measured = new List<MethodIlMetrics>();

        foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(typeHandle);
            if (!topLevelTypes.Contains(TopLevelName(reader, type))) continue;
            string typePath = signatures.GetTypeFromDefinition(reader, typeHandle, rawTypeKind: 0);

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0) continue; // abstract, extern, runtime-implemented
                MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                MethodSignature<string> signature = method.DecodeSignature(signatures, genericContext: null);
                string name = $"{typePath}.{reader.GetString(method.Name)}({string.Join(", ", signature.ParameterTypes)})";
                measured.Add(MeasureBody(name, body, reader));
            }
        }
        return measured;
    }

    public static MethodIlMetrics MeasureBody(string name, MethodBodyBlock body, MetadataReader reader)
    {
        BlobReader il = body.GetILReader();
        (int blocks, int localReferences) = Walk(il, body.ExceptionRegions);
        return new MethodIlMetrics(name, il.Length, LocalCount(body, reader), blocks, localReferences);
    }

    private static int LocalCount(MethodBodyBlock body, MetadataReader reader)
    {
        if (body.LocalSignature.IsNil) return 0;
        BlobReader signature = reader.GetBlobReader(reader.GetStandaloneSignature(body.LocalSignature).Signature);
        SignatureHeader header = signature.ReadSignatureHeader();
        if (header.Kind != SignatureKind.LocalVariables) throw new BadImageFormatException($"Local signature of kind {header.Kind}.");
        return signature.ReadCompressedInteger();
    }

    /// <summary>
    /// Walks the IL once: counts the basic blocks (distinct block starts) and the local references. Throws on an unknown
    /// opcode or a branch target outside the body, so a decoding mistake cannot pass as a small count.
    /// </summary>
    public static (int BasicBlocks, int LocalReferences) Walk(BlobReader il, ImmutableArray<ExceptionRegion> exceptionRegions)
    {
        int length = il.Length;
        var starts = new HashSet<int> { 0 };
        int localReferences = 0;

        void Target(int offset)
        {
            if ((uint)offset >= (uint)length) throw new BadImageFormatException($"Branch target IL_{offset:x4} outside a body of {length} bytes.");
            starts.Add(offset);
        }

        while (il.RemainingBytes > 0)
        {
            int at = il.Offset;
            byte first = il.ReadByte();
            OpCode? found = first == 0xFE ? TwoByte[il.ReadByte()] : OneByte[first];
            if (found is not OpCode opCode) throw new BadImageFormatException($"Unknown opcode at IL_{at:x4}.");

            switch (opCode.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                    {
                        int delta = il.ReadSByte();
                        Target(il.Offset + delta);
                        break;
                    }
                case OperandType.InlineBrTarget:
                    {
                        int delta = il.ReadInt32();
                        Target(il.Offset + delta);
                        break;
                    }
                case OperandType.InlineSwitch:
                    {
                        // switch: a count n, then n 32-bit targets relative to the end of the whole instruction.
                        int count = checked((int)il.ReadUInt32());
                        int end = il.Offset + checked(4 * count);
                        for (int i = 0; i < count; i++) Target(end + il.ReadInt32());
                        break;
                    }
                case OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                default: // InlineField, InlineI, InlineMethod, InlineSig, InlineString, InlineTok, InlineType, ShortInlineR
                    il.Offset += 4;
                    break;
            }

            if (IsLocalReference(opCode)) localReferences++;
            // A block ends after a branch (conditional or not, leave, switch), a return (ret, endfinally, endfilter),
            // a throw (throw, rethrow) and jmp; what follows, if anything, starts the next one.
            if (opCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw
                || opCode.Value == OpCodes.Jmp.Value)
            {
                if (il.Offset < length) starts.Add(il.Offset);
            }
        }
        if (il.Offset != length) throw new BadImageFormatException($"Last instruction runs past the body ({il.Offset} > {length}).");

        foreach (ExceptionRegion region in exceptionRegions)
        {
            foreach (int boundary in new[] { region.TryOffset, region.TryOffset + region.TryLength, region.HandlerOffset, region.HandlerOffset + region.HandlerLength })
            {
                if (boundary < length) starts.Add(boundary);
            }
            if (region.Kind == ExceptionRegionKind.Filter) starts.Add(region.FilterOffset);
        }
        return (starts.Count, localReferences);
    }

    private static bool IsLocalReference(OpCode opCode) =>
        opCode.Name is { } name && (name.StartsWith("ldloc", StringComparison.Ordinal) || name.StartsWith("stloc", StringComparison.Ordinal)
            || name.StartsWith("ldarg", StringComparison.Ordinal) || name.StartsWith("starg", StringComparison.Ordinal));

    // Opcode tables built from System.Reflection.Emit.OpCodes: the operand type and flow control of every ECMA-335
    // instruction, so none is hand-copied. Prefixes (readonly., tail., volatile., unaligned., constrained., no.) are
    // instructions of their own here, with their own operands, which is how they are encoded.
    private static readonly OpCode?[] OneByte = new OpCode?[256];
    private static readonly OpCode?[] TwoByte = new OpCode?[256];

    static IlMetrics()
    {
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var opCode = (OpCode)field.GetValue(null)!;
            if (opCode.OpCodeType == OpCodeType.Nternal) continue; // prefix1…prefix7, prefixref: encoding bytes, not instructions
            ushort value = (ushort)opCode.Value;
            if (opCode.Size == 1) OneByte[value] = opCode;
            else if (value >> 8 == 0xFE) TwoByte[value & 0xFF] = opCode;
        }
    }

    private static string TopLevelName(MetadataReader reader, TypeDefinition type)
    {
        while (type.GetDeclaringType() is { IsNil: false } outer) type = reader.GetTypeDefinition(outer);
        string name = reader.GetString(type.Name);
        return type.Namespace.IsNil || reader.GetString(type.Namespace).Length == 0 ? name : reader.GetString(type.Namespace) + "." + name;
    }

    /// <summary>Short C#-like names of signature types, for messages (namespaces left out).</summary>
    private sealed class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Boolean => "bool",
            PrimitiveTypeCode.Byte => "byte",
            PrimitiveTypeCode.SByte => "sbyte",
            PrimitiveTypeCode.Char => "char",
            PrimitiveTypeCode.Int16 => "short",
            PrimitiveTypeCode.UInt16 => "ushort",
            PrimitiveTypeCode.Int32 => "int",
            PrimitiveTypeCode.UInt32 => "uint",
            PrimitiveTypeCode.Int64 => "long",
            PrimitiveTypeCode.UInt64 => "ulong",
            PrimitiveTypeCode.Single => "float",
            PrimitiveTypeCode.Double => "double",
            PrimitiveTypeCode.IntPtr => "nint",
            PrimitiveTypeCode.UIntPtr => "nuint",
            PrimitiveTypeCode.String => "string",
            PrimitiveTypeCode.Object => "object",
            PrimitiveTypeCode.Void => "void",
            _ => typeCode.ToString(),
        };

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string name = reader.GetString(type.Name);
            return type.GetDeclaringType() is { IsNil: false } outer ? GetTypeFromDefinition(reader, outer, rawTypeKind) + "." + name : name;
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference type = reader.GetTypeReference(handle);
            string name = reader.GetString(type.Name);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, rawTypeKind) + "." + name
                : name;
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            int tick = genericType.LastIndexOf('`');
            return (tick < 0 ? genericType : genericType[..tick]) + "<" + string.Join(", ", typeArguments) + ">";
        }

        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => "ref " + elementType;
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) =>
            "delegate*<" + string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType)) + ">";
    }
}
