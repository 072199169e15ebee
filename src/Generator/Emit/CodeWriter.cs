using System;
using System.Text;

namespace CnnCompiler.Generator.Emit;

/// <summary>Writes C# with consistent four-space indentation and braces, so that generated code reads like hand-written code.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length == 0)
        {
            _text.Append('\n');
            return this;
        }
        _text.Append(' ', _depth * 4).Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public IDisposable Block(string header)
    {
        if (header.Length > 0) Line(header);
        Line("{");
        _depth++;
        return new Scope(this, "}");
    }

    /// <summary>Like <see cref="Block"/>, closing with <c>};</c> (for initializers).</summary>
    public IDisposable BlockWithSemicolon(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Scope(this, "};");
    }

    /// <summary>Each line of <paramref name="text"/> as a <c>///</c> XML documentation line.</summary>
    public CodeWriter Doc(string text)
    {
        foreach (string line in text.Split('\n')) Line("/// " + line.TrimEnd('\r'));
        return this;
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope(CodeWriter writer, string closing) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            writer.Line(closing);
        }
    }
}
