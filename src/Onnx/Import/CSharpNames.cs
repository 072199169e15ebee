namespace CnnCompiler.OnnxFormat;

/// <summary>Checks the class and namespace names an import declares.</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "record", "file", "required", "scoped",
    };

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_') && !Keywords.Contains(name);

    public static void RequireIdentifier(string name, string what, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
        if (!IsIdentifier(name)) throw new ArgumentException($"'{name}' is not a valid C# {what} (letters, digits and '_', not starting with a digit, not a keyword).", parameter);
    }

    public static void RequireNamespace(string name, string parameter)
    {
        foreach (string part in name.Split('.'))
        {
            if (!IsIdentifier(part)) throw new ArgumentException($"'{name}' is not a valid C# namespace (identifiers separated by dots).", parameter);
        }
    }
}
