// Turns Tomlyn's syntax tree (already checked by Tomlyn) into located tables, arrays and scalars.
using System.Collections.Generic;
using Tomlyn.Syntax;

namespace Codezero.Containers;

/// <summary>
/// Follows TOML's table rules: dotted keys and [a.b] headers make intermediate tables, [[a]] appends a
/// table to an array of tables, and a header under [[a]] (such as [a.b]) lands in a's last element.
/// Tomlyn's validation has already refused redefinitions, so a clash here is only a safety net.
/// </summary>
internal sealed class TomlTreeBuilder
{
    private readonly string _file;

    private TomlTreeBuilder(string file) => _file = file;

    public static TomlTableNode Build(DocumentSyntax document, string file)
    {
        var builder = new TomlTreeBuilder(file);
        var root = new TomlTableNode(new SourceLocation(file, 1, 1));
        foreach (KeyValueSyntax keyValue in document.KeyValues)
        {
            builder.Insert(root, keyValue);
        }
        foreach (TableSyntaxBase table in document.Tables)
        {
            TomlTableNode target = builder.OpenTable(root, table);
            foreach (KeyValueSyntax keyValue in table.Items)
            {
                builder.Insert(target, keyValue);
            }
        }
        return root;
    }

    private SourceLocation At(SyntaxNodeBase node) => new(_file, node.Span.Start.Line + 1, node.Span.Start.Column + 1);

    private TomlTableNode OpenTable(TomlTableNode root, TableSyntaxBase header)
    {
        List<(string Name, SourceLocation Location)> path = KeyPath(header.Name!);
        TomlTableNode table = root;
        for (int i = 0; i < path.Count - 1; i++)
        {
            table = Descend(table, path[i].Name, path[i].Location);
        }
        (string name, SourceLocation keyLocation) = path[^1];
        SourceLocation location = At(header);
        TomlEntry? existing = table.Find(name);
        if (header is TableArraySyntax)
        {
            TomlArrayNode array;
            if (existing is null)
            {
                array = new TomlArrayNode(location, ofTableHeaders: true);
                table.Entries.Add(new TomlEntry(name, keyLocation, array));
            }
            else if (existing.Value is TomlArrayNode { OfTableHeaders: true } headers)
            {
                array = headers;
            }
            else
            {
                throw Clash(keyLocation, name);
            }
            var element = new TomlTableNode(location);
            array.Items.Add(element);
            return element;
        }
        if (existing is null)
        {
            var created = new TomlTableNode(location);
            table.Entries.Add(new TomlEntry(name, keyLocation, created));
            return created;
        }
        return existing.Value as TomlTableNode ?? throw Clash(keyLocation, name);
    }

    /// <summary>The table under <paramref name="name"/>, made if absent; an array of tables gives its last element.</summary>
    private TomlTableNode Descend(TomlTableNode table, string name, SourceLocation location)
    {
        TomlEntry? existing = table.Find(name);
        switch (existing?.Value)
        {
            case null:
                var created = new TomlTableNode(location);
                table.Entries.Add(new TomlEntry(name, location, created));
                return created;
            case TomlTableNode child:
                return child;
            case TomlArrayNode { OfTableHeaders: true, Items.Count: > 0 } array:
                return (TomlTableNode)array.Items[^1];
            default:
                throw Clash(location, name);
        }
    }

    private void Insert(TomlTableNode table, KeyValueSyntax keyValue)
    {
        List<(string Name, SourceLocation Location)> path = KeyPath(keyValue.Key!);
        for (int i = 0; i < path.Count - 1; i++)
        {
            table = Descend(table, path[i].Name, path[i].Location);
        }
        (string name, SourceLocation location) = path[^1];
        if (table.Find(name) is not null)
        {
            throw Clash(location, name);
        }
        table.Entries.Add(new TomlEntry(name, location, Convert(keyValue.Value!)));
    }

    private TomlNode Convert(ValueSyntax value)
    {
        SourceLocation location = At(value);
        switch (value)
        {
            case StringValueSyntax text:
                return new TomlScalarNode(location, TomlScalarKind.String, text.Value ?? "");
            case IntegerValueSyntax integer:
                return new TomlScalarNode(location, TomlScalarKind.Integer, integer.Token?.Text ?? "", integer: integer.Value);
            case BooleanValueSyntax boolean:
                return new TomlScalarNode(location, TomlScalarKind.Boolean, boolean.Value ? "true" : "false", boolean: boolean.Value);
            case FloatValueSyntax number:
                return new TomlScalarNode(location, TomlScalarKind.Float, number.Token?.Text ?? "");
            case DateTimeValueSyntax date:
                return new TomlScalarNode(location, TomlScalarKind.DateTime, date.Token?.Text ?? "");
            case ArraySyntax array:
                var list = new TomlArrayNode(location, ofTableHeaders: false);
                foreach (ArrayItemSyntax item in array.Items)
                {
                    list.Items.Add(Convert(item.Value!));
                }
                return list;
            case InlineTableSyntax inline:
                var table = new TomlTableNode(location);
                foreach (InlineTableItemSyntax item in inline.Items)
                {
                    Insert(table, item.KeyValue!);
                }
                return table;
            default:
                throw new ManifestException(location, "toml", $"unexpected TOML value {value.Kind}");
        }
    }

    private List<(string Name, SourceLocation Location)> KeyPath(KeySyntax key)
    {
        var path = new List<(string, SourceLocation)> { (KeyName(key.Key!), At(key.Key!)) };
        foreach (DottedKeyItemSyntax dotted in key.DotKeys)
        {
            path.Add((KeyName(dotted.Key!), At(dotted.Key!)));
        }
        return path;
    }

    private static string KeyName(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    private static ManifestException Clash(SourceLocation location, string name)
        => new(location, "toml", $"the key `{name}` is already defined and cannot be redefined");
}
