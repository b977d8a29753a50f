// Reads one manifest table: refuses unknown keys (suggesting the closest), then typed values with their locations.
using System.Collections.Generic;

namespace Codezero.Containers;

/// <summary>
/// A table and its field path. Construction checks every key against the known ones, in file order, so
/// a misspelt key is reported before the missing field it was meant to be.
/// </summary>
internal sealed class TableReader
{
    private readonly string[] _known;

    public TableReader(TomlTableNode table, string field, params string[] known)
    {
        Table = table;
        Field = field;
        _known = known;
        foreach (TomlEntry entry in table.Entries)
        {
            if (System.Array.IndexOf(known, entry.Key) < 0)
            {
                string what = entry.Value is TomlTableNode or TomlArrayNode { OfTableHeaders: true } ? "unknown table" : "unknown key";
                string hint = Suggestions.Closest(entry.Key, known) is { } best
                    ? $"; did you mean '{best}'?"
                    : $" (known: {string.Join(", ", known)})";
                throw new ManifestException(entry.KeyLocation, FieldOf(entry.Key), what + hint);
            }
        }
    }

    public TomlTableNode Table { get; }

    /// <summary>The table's path in messages ("" for the document); a container's changes once its name is known.</summary>
    public string Field { get; set; }

    public SourceLocation Location => Table.Location;

    public string FieldOf(string key) => Field.Length == 0 ? key : $"{Field}.{key}";

    public TomlEntry? Find(string key)
    {
        System.Diagnostics.Debug.Assert(System.Array.IndexOf(_known, key) >= 0, key);
        return Table.Find(key);
    }

    public ManifestException Missing(string key, string why)
        => new(Table.Location, FieldOf(key), $"missing ({why})");

    public string? String(string key)
        => Find(key) is { } entry ? ExpectString(entry.Value, FieldOf(key)).Text : null;

    public bool? Boolean(string key)
        => Find(key) is { } entry ? ExpectScalar(entry.Value, FieldOf(key), TomlScalarKind.Boolean, "a boolean").Boolean : null;

    /// <summary>An integer in [min, max]; null when absent.</summary>
    public long? Integer(string key, long min, long max)
        => Find(key) is { } entry ? Integer(entry.Value, FieldOf(key), min, max) : null;

    public TableReader? SubTable(string key, params string[] known)
        => Find(key) is { } entry ? new TableReader(ExpectTable(entry.Value, FieldOf(key)), FieldOf(key), known) : null;

    public TomlArrayNode? Array(string key)
        => Find(key) is { } entry ? ExpectArray(entry.Value, FieldOf(key)) : null;

    /// <summary>A size in bytes: an integer, or a string "8MiB" / "512 KiB" / "1GiB"; page aligned and not zero.</summary>
    public uint? Size(string key)
        => Find(key) is { } entry ? Size(entry.Value, FieldOf(key)) : null;

    /// <summary>A 32-bit address (an integer, hex allowed), page aligned.</summary>
    public uint? PageAddress(string key)
        => Find(key) is { } entry ? PageAddress(entry.Value, FieldOf(key)) : null;

    /// <summary>Names from <paramref name="names"/> as a bit mask; null when absent.</summary>
    public uint? Rights(string key, RightNames names, bool allowEmpty)
    {
        if (Find(key) is not { } entry)
        {
            return null;
        }
        string field = FieldOf(key);
        TomlArrayNode array = ExpectArray(entry.Value, field);
        if (array.Items.Count == 0 && !allowEmpty)
        {
            throw new ManifestException(array.Location, field, $"is empty: name at least one of {names.List}");
        }
        uint rights = 0;
        for (int i = 0; i < array.Items.Count; i++)
        {
            TomlScalarNode name = ExpectString(array.Items[i], $"{field}[{i}]");
            uint bit = names.Find(name.Text)
                ?? throw new ManifestException(name.Location, $"{field}[{i}]",
                    $"'{name.Text}' is not {names.What}{Suggestions.DidYouMean(name.Text, names.Names)} (rights: {names.List})");
            rights |= bit;
        }
        return rights;
    }

    public static TomlScalarNode ExpectString(TomlNode node, string field)
        => ExpectScalar(node, field, TomlScalarKind.String, "a string");

    public static TomlScalarNode ExpectScalar(TomlNode node, string field, TomlScalarKind kind, string expected)
        => node is TomlScalarNode scalar && scalar.Kind == kind ? scalar : throw WrongType(node, field, expected);

    public static TomlTableNode ExpectTable(TomlNode node, string field)
        => node as TomlTableNode ?? throw WrongType(node, field, "a table");

    public static TomlArrayNode ExpectArray(TomlNode node, string field)
        => node as TomlArrayNode ?? throw WrongType(node, field, "an array");

    public static ManifestException WrongType(TomlNode node, string field, string expected)
        => new(node.Location, field, $"expected {expected}, found {node.Describe()}");

    public static long Integer(TomlNode node, string field, long min, long max)
    {
        long value = ExpectScalar(node, field, TomlScalarKind.Integer, "an integer").Integer;
        if (value < min || value > max)
        {
            throw new ManifestException(node.Location, field, $"{value} is out of range: {min}-{max}");
        }
        return value;
    }

    public static uint PageAddress(TomlNode node, string field)
    {
        long value = ExpectScalar(node, field, TomlScalarKind.Integer, "an integer address").Integer;
        if (value < 0 || value > uint.MaxValue)
        {
            throw new ManifestException(node.Location, field, $"{value} is not a 32-bit address");
        }
        if ((value & (Sizes.Page - 1)) != 0)
        {
            throw new ManifestException(node.Location, field, $"0x{value:X8} is not a multiple of the 4 KiB page");
        }
        return (uint)value;
    }

    public static uint Size(TomlNode node, string field)
    {
        ulong size;
        string written;
        switch (node)
        {
            case TomlScalarNode { Kind: TomlScalarKind.Integer } integer:
                if (integer.Integer < 0)
                {
                    throw new ManifestException(node.Location, field, $"{integer.Integer} is negative");
                }
                size = (ulong)integer.Integer;
                written = integer.Text;
                break;
            case TomlScalarNode { Kind: TomlScalarKind.String } text:
                size = Sizes.Parse(text.Text)
                    ?? throw new ManifestException(node.Location, field,
                        $"bad size \"{text.Text}\": write an integer of bytes or a string like \"8MiB\" (KiB, MiB or GiB)");
                written = $"\"{text.Text}\"";
                break;
            default:
                throw WrongType(node, field, "a size (an integer of bytes or a string like \"8MiB\")");
        }
        if (size == 0)
        {
            throw new ManifestException(node.Location, field, "is zero");
        }
        if (size >= 1UL << 32)
        {
            throw new ManifestException(node.Location, field, $"{written} does not fit in the 4 GiB address space");
        }
        if ((size & (Sizes.Page - 1)) != 0)
        {
            throw new ManifestException(node.Location, field, $"{written} is not a multiple of the 4 KiB page");
        }
        return (uint)size;
    }

    /// <summary>The tables of an array (inline tables or [[header]]s), each with its index.</summary>
    public static IEnumerable<(TomlTableNode Table, int Index)> Tables(TomlArrayNode array, string field)
    {
        for (int i = 0; i < array.Items.Count; i++)
        {
            yield return (ExpectTable(array.Items[i], $"{field}[{i}]"), i);
        }
    }
}
