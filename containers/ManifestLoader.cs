// Loads a container manifest: TOML through Tomlyn's syntax tree (every value located), then validation and placement.
using System;
using System.Collections.Generic;
using System.Buffers;
using System.IO;
using System.Text.Unicode;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Codezero.Containers;

public static class ManifestLoader
{
    /// <summary>At most 127 containers: the container field of a thread id (docs/abi.md).</summary>
    public const int MaxContainers = 127;

    /// <summary>The largest manifest read, in bytes (and, given as text, in characters): 1 MiB, far beyond 127 containers' worth.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>
    /// Reads and loads the manifest at <paramref name="path"/>. A file that cannot be read (missing, a directory,
    /// a pipe or a device, larger than <see cref="MaxBytes"/>) fails at 1:1 with field <c>manifest</c>; text that is
    /// not UTF-8 fails at the first bad byte with field <c>toml</c>.
    /// </summary>
    public static Manifest Load(string path, BoardLimits limits)
    {
        var start = new SourceLocation(path, 1, 1);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ManifestException(start, "manifest", $"cannot read {path}: {e.Message}");
        }
        byte[] bytes = RegularFile.TryRead(full, MaxBytes, out string problem)
            ?? throw new ManifestException(start, "manifest", $"cannot read {full}: {problem}");
        return Parse(Decode(bytes, path), path, limits);
    }

    /// <summary>Loads a manifest from its text; <paramref name="path"/> names it in messages and anchors relative image paths.</summary>
    public static Manifest Parse(string text, string path, BoardLimits limits)
    {
        if (text.Length > MaxBytes)
        {
            throw new ManifestException(new SourceLocation(path, 1, 1), "manifest",
                $"is {text.Length} characters long, more than the {Sizes.Format(MaxBytes)} a manifest may be");
        }
        TomlNesting.Check(text, path);
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, path, validate: true);
        }
        catch (TomlException e)
        {
            // Tomlyn throws rather than reports for a few limits (nesting deeper than 64, which TomlNesting refuses first).
            var at = new SourceLocation(path, Math.Max(e.Line ?? 1, 1), Math.Max(e.Column ?? 1, 1));
            throw new ManifestException(at, "toml", OneLine(e.Message));
        }
        foreach (DiagnosticMessage message in document.Diagnostics)
        {
            if (message.Kind == DiagnosticMessageKind.Error)
            {
                var at = new SourceLocation(path, message.Span.Start.Line + 1, message.Span.Start.Column + 1);
                throw new ManifestException(at, "toml", OneLine(message.Message));
            }
        }
        TomlTableNode root = TomlTreeBuilder.Build(document, path);
        var reader = new TableReader(root, "", "board", "container");

        TableReader? board = reader.SubTable("board", "cores", "ram_mib");
        int? cores = (int?)board?.Integer("cores", 1, BoardLimits.MaxCores);
        uint? ramMib = (uint?)board?.Integer("ram_mib", BoardLimits.MinRamMib, BoardLimits.MaxRamMib);
        int boardCores = limits.Cores > 0 ? limits.Cores : cores ?? BoardLimits.MaxCores;
        uint ramSize = limits.RamSize > 0 ? limits.RamSize : (ramMib ?? BoardLimits.DefaultRamMib) << 20;
        uint firstFree = Math.Max(limits.FirstFreeAddress, limits.RamBase);

        TomlArrayNode containers = ReadContainerArray(reader);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var drafts = new List<ContainerDraft>();
        foreach ((TomlTableNode table, int index) in TableReader.Tables(containers, "container"))
        {
            if (index == MaxContainers)
            {
                throw new ManifestException(table.Location, $"container[{index}]",
                    $"too many containers: at most {MaxContainers} (the container field of a thread id)");
            }
            drafts.Add(ContainerReader.Read(table, index, folder, boardCores));
        }
        return new Manifest
        {
            Path = path,
            Cores = cores,
            RamMib = ramMib,
            BoardCores = boardCores,
            BoardRamSize = ramSize,
            Containers = ManifestValidator.Validate(drafts, limits.RamBase, ramSize, firstFree, limits.KernelShare),
        };
    }

    private static TomlArrayNode ReadContainerArray(TableReader reader)
    {
        TomlEntry? entry = reader.Find("container");
        const string none = "no container: a manifest needs at least one [[container]]";
        if (entry is null)
        {
            throw new ManifestException(reader.Location, "container", none);
        }
        if (entry.Value is not TomlArrayNode array)
        {
            throw TableReader.WrongType(entry.Value, "container", "an array of tables ([[container]])");
        }
        if (array.Items.Count == 0)
        {
            throw new ManifestException(array.Location, "container", none);
        }
        return array;
    }

    /// <summary>UTF-8 without replacement: the first invalid byte is an error at its line and column. A BOM is skipped.</summary>
    private static string Decode(byte[] bytes, string path)
    {
        ReadOnlySpan<byte> utf8 = bytes;
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }
        var chars = new char[utf8.Length];
        OperationStatus status = Utf8.ToUtf16(utf8, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }
        int line = 1, column = 1;
        for (int i = 0; i < written; i++)
        {
            if (chars[i] == '\n')
            {
                line++;
                column = 1;
            }
            else if (!char.IsLowSurrogate(chars[i]))
            {
                column++;
            }
        }
        throw new ManifestException(new SourceLocation(path, line, column), "toml",
            $"invalid UTF-8 (byte 0x{utf8[read]:X2} at offset {read + bytes.Length - utf8.Length}): a manifest is UTF-8 text");
    }

    /// <summary>The first line of a library message, so that an error stays one line.</summary>
    private static string OneLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
