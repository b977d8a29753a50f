// A TOML value with the place it was written: the located tree the manifest reader walks.
namespace Codezero.Containers;

internal abstract class TomlNode
{
    protected TomlNode(SourceLocation location) => Location = location;

    /// <summary>Where the value starts (for a table made by a header: the header's bracket).</summary>
    public SourceLocation Location { get; }

    /// <summary>What the value is, for messages: "an integer", "a table"...</summary>
    public abstract string Describe();
}
