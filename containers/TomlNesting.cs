// Refuses TOML nested deeper than a manifest can need, at the bracket that goes too deep, before Tomlyn parses it.
namespace Codezero.Containers;

/// <summary>
/// Tomlyn stops at 64 levels with an exception that carries no position; a manifest needs at most
/// four (<c>container = [{ ipc = [{ rights = [...] }] }]</c>). This scan counts the arrays and inline
/// tables open at each bracket, outside strings and comments, and refuses the first one past
/// <see cref="MaxDepth"/> at its line and column. Brackets that close nothing are left to Tomlyn.
/// </summary>
internal static class TomlNesting
{
    /// <summary>The deepest nesting of arrays and inline tables a manifest may have (table headers count their brackets too).</summary>
    public const int MaxDepth = 32;

    public static void Check(string text, string path)
    {
        int depth = 0, line = 1, lineStart = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    lineStart = i + 1;
                    break;
                case '#':
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }
                    break;
                case '"' or '\'':
                    i = SkipString(text, i, ref line, ref lineStart);
                    break;
                case '[' or '{':
                    if (++depth > MaxDepth)
                    {
                        throw new ManifestException(new SourceLocation(path, line, i - lineStart + 1), "toml",
                            $"nested deeper than {MaxDepth} arrays and inline tables; a manifest needs at most 4");
                    }
                    break;
                case ']' or '}':
                    depth = depth > 0 ? depth - 1 : 0;
                    break;
            }
        }
    }

    /// <summary>The index of the last character of the string starting at <paramref name="start"/> (a quote).</summary>
    private static int SkipString(string text, int start, ref int line, ref int lineStart)
    {
        char quote = text[start];
        bool multiline = start + 2 < text.Length && text[start + 1] == quote && text[start + 2] == quote;
        bool escapes = quote == '"';
        int i = multiline ? start + 3 : start + 1;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (escapes && c == '\\')
            {
                i++;
                if (i < text.Length && text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
                continue;
            }
            if (c == '\n')
            {
                if (!multiline)
                {
                    return i - 1; // an unterminated string: the newline is the caller's
                }
                line++;
                lineStart = i + 1;
                continue;
            }
            if (c == quote)
            {
                if (!multiline)
                {
                    return i;
                }
                if (i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote)
                {
                    while (i + 3 < text.Length && text[i + 3] == quote)
                    {
                        i++; // up to two quotes may end the string's content before its closing three
                    }
                    return i + 2;
                }
            }
        }
        return text.Length - 1;
    }
}
