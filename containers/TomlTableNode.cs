// A TOML table (a [header], an inline table, or one made implicitly by a dotted key), its entries in file order.
using System.Collections.Generic;

namespace Codezero.Containers;

/// <summary>One key of a table: its name, where the key is written, and its value.</summary>
internal sealed record TomlEntry(string Key, SourceLocation KeyLocation, TomlNode Value);

internal sealed class TomlTableNode : TomlNode
{
    public TomlTableNode(SourceLocation location)
        : base(location)
    {
    }

    public List<TomlEntry> Entries { get; } = new();

    public TomlEntry? Find(string key)
    {
        foreach (TomlEntry entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }
        return null;
    }

    public override string Describe() => "a table";
}
