// A TOML array: an inline [a, b] or an array of tables made by [[header]]s.
using System.Collections.Generic;

namespace Codezero.Containers;

internal sealed class TomlArrayNode : TomlNode
{
    public TomlArrayNode(SourceLocation location, bool ofTableHeaders)
        : base(location) => OfTableHeaders = ofTableHeaders;

    /// <summary>Made by [[header]]s (later headers of the same name append to it).</summary>
    public bool OfTableHeaders { get; }

    public List<TomlNode> Items { get; } = new();

    public override string Describe() => OfTableHeaders ? "an array of tables" : "an array";
}
