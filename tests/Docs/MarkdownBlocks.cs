// Reads the fenced code blocks of a markdown file, each with the HTML comment marker written just before it.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace Codezero.Tests.Docs;

/// <summary>
/// One fenced block (```lang ... ```) of a markdown file: the line of its opening fence, its language, its text (every
/// line, each ending in '\n'), and the marker, the text of an HTML comment (<c>&lt;!-- fragment --&gt;</c>,
/// <c>&lt;!-- from: examples/pingpong/pingpong.toml --&gt;</c>) on the last non-blank line before the fence,
/// or null.
/// </summary>
public sealed record CodeBlock(string File, int Line, string Language, string Text, string? Marker)
{
    public string Where => $"{Path.GetRelativePath(RepoPaths.Root, File)}:{Line}";

    /// <summary>The path of a <c>from: PATH</c> or <c>from: PATH#REGION</c> marker, else null.</summary>
    public string? FromPath => FromMarker()?.Path;

    /// <summary>The region of a <c>from: PATH#REGION</c> marker, else null.</summary>
    public string? FromRegion => FromMarker()?.Region;

    public bool IsFragment => Marker == "fragment";

    private (string Path, string? Region)? FromMarker()
    {
        if (Marker == null || !Marker.StartsWith("from: ", StringComparison.Ordinal))
        {
            return null;
        }
        string target = Marker["from: ".Length..].Trim();
        int hash = target.IndexOf('#');
        return hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
    }
}

/// <summary>The code blocks of README.md, examples/README.md and docs/*.md, and the pieces the docs tests take from them.</summary>
public static class MarkdownBlocks
{
    private static readonly Regex s_comment = new(@"^<!--\s*(.*?)\s*-->$");

    /// <summary>README.md, examples/README.md and every docs/*.md, as absolute paths.</summary>
    public static IEnumerable<string> DocumentFiles()
    {
        yield return Path.Combine(RepoPaths.Root, "README.md");
        yield return Path.Combine(RepoPaths.Root, "examples", "README.md");
        string[] docs = Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md");
        Array.Sort(docs, StringComparer.Ordinal);
        foreach (string doc in docs)
        {
            yield return doc;
        }
    }

    public static List<CodeBlock> Read(string path)
    {
        string[] lines = File.ReadAllText(path).Split('\n');
        var blocks = new List<CodeBlock>();
        string? marker = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal) && line.Length > 3)
            {
                string language = line[3..].Trim();
                int start = i + 1;
                var text = new StringBuilder();
                for (i++; i < lines.Length && lines[i] != "```"; i++)
                {
                    text.Append(lines[i]).Append('\n');
                }
                if (i == lines.Length)
                {
                    throw new InvalidDataException($"{path}:{start}: a ``` block that is never closed");
                }
                blocks.Add(new CodeBlock(path, start, language, text.ToString(), marker));
                marker = null;
                continue;
            }
            if (line.Trim().Length == 0)
            {
                continue;
            }
            Match comment = s_comment.Match(line.Trim());
            marker = comment.Success ? comment.Groups[1].Value : null;
        }
        return blocks;
    }

    /// <summary>
    /// The commands of a shell block: lines joined at a trailing backslash, blank lines and lines that are
    /// only a comment left out, each as written (its trailing comment included).
    /// </summary>
    public static List<string> Commands(string text)
    {
        var commands = new List<string>();
        var current = new StringBuilder();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd();
            if (current.Length == 0 && (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1].Trim()).Append(' ');
                continue;
            }
            current.Append(line.Trim());
            commands.Add(current.ToString());
            current.Clear();
        }
        if (current.Length != 0)
        {
            commands.Add(current.ToString().TrimEnd());
        }
        return commands;
    }

    /// <summary>
    /// The lines of a source file between a line holding <c>@region NAME</c> and the next holding
    /// <c>@end NAME</c> (both left out), or the whole file when <paramref name="region"/> is null.
    /// </summary>
    public static string Extract(string path, string? region)
    {
        string text = File.ReadAllText(path);
        if (region == null)
        {
            return text;
        }
        string[] lines = text.Split('\n');
        var part = new StringBuilder();
        bool inside = false, found = false;
        foreach (string line in lines)
        {
            if (Regex.IsMatch(line, @"@region\s+" + Regex.Escape(region) + @"\b"))
            {
                inside = found = true;
                continue;
            }
            if (inside && Regex.IsMatch(line, @"@end\s+" + Regex.Escape(region) + @"\b"))
            {
                inside = false;
                continue;
            }
            if (inside)
            {
                part.Append(line).Append('\n');
            }
        }
        if (!found || inside)
        {
            throw new InvalidDataException($"{path}: no complete region '{region}' (@region {region} ... @end {region})");
        }
        return part.ToString();
    }
}
