// Loads a container manifest: TOML through Tomlyn's syntax tree (every value located), then validation and placement.
using System;
using System.Collections.Generic;
using System.IO;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Codezero.Containers;

public static class ManifestLoader
{
    /// <summary>At most 127 containers: the container field of a thread id (docs/abi.md).</summary>
    public const int MaxContainers = 127;

    /// <summary>Reads and loads the manifest at <paramref name="path"/>; a missing or unreadable file fails at 1:1.</summary>
    public static Manifest Load(string path, BoardLimits limits)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new ManifestException(new SourceLocation(path, 1, 1), "manifest", $"cannot read {Path.GetFullPath(path)}: {why}");
        }
        return Parse(text, path, limits);
    }

    /// <summary>Loads a manifest from its text; <paramref name="path"/> names it in messages and anchors relative image paths.</summary>
    public static Manifest Parse(string text, string path, BoardLimits limits)
    {
        DocumentSyntax document = SyntaxParser.Parse(text, path, validate: true);
        foreach (DiagnosticMessage message in document.Diagnostics)
        {
            if (message.Kind == DiagnosticMessageKind.Error)
            {
                var at = new SourceLocation(path, message.Span.Start.Line + 1, message.Span.Start.Column + 1);
                throw new ManifestException(at, "toml", message.Message);
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
}
