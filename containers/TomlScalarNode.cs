// A TOML string, integer, float, boolean or date-time value.
namespace Codezero.Containers;

internal enum TomlScalarKind
{
    String,
    Integer,
    Float,
    Boolean,
    DateTime,
}

internal sealed class TomlScalarNode : TomlNode
{
    public TomlScalarNode(SourceLocation location, TomlScalarKind kind, string text, long integer = 0, bool boolean = false)
        : base(location)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Boolean = boolean;
    }

    public TomlScalarKind Kind { get; }

    /// <summary>A string's value; for other kinds, the value as written.</summary>
    public string Text { get; }

    public long Integer { get; }

    public bool Boolean { get; }

    public override string Describe() => Kind switch
    {
        TomlScalarKind.String => "a string",
        TomlScalarKind.Integer => "an integer",
        TomlScalarKind.Float => "a float",
        TomlScalarKind.Boolean => "a boolean",
        _ => "a date-time",
    };
}
