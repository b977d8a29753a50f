// A manifest error: "FILE:LINE:COLUMN: FIELD: what is wrong", pointing at the offending key or value, always one line.
using System;
using System.Text;

namespace Codezero.Containers;

public sealed class ManifestException : Exception
{
    public ManifestException(SourceLocation location, string field, string problem)
        : base($"{location}: {Escape(field)}: {Escape(problem)}")
    {
        Location = location;
        Field = Escape(field);
        Problem = Escape(problem);
    }

    /// <summary>The offending key or value (for a missing field: the table that lacks it).</summary>
    public SourceLocation Location { get; }

    /// <summary>The field's path, such as <c>container[2].memory</c> or <c>container 'server'.ipc[0].to</c>.</summary>
    public string Field { get; }

    /// <summary>The message without its location and field.</summary>
    public string Problem { get; }

    /// <summary>
    /// Control characters and line separators that a quoted key or value brings into a message, written as
    /// escapes (<c>\n</c>, <c>\u0001</c>), so that every error stays one line.
    /// </summary>
    private static string Escape(string text)
    {
        int first = 0;
        while (first < text.Length && !Breaks(text[first]))
        {
            first++;
        }
        if (first == text.Length)
        {
            return text;
        }
        var escaped = new StringBuilder(text, 0, first, text.Length + 8);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when Breaks(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    private static bool Breaks(char c) => c < ' ' || c == '\u007F' || c == '\u0085' || c == '\u2028' || c == '\u2029';
}
