// Where something is in a manifest: the file as named to the loader, and a 1-based line and column.
namespace Codezero.Containers;

public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>"FILE:LINE:COLUMN", the prefix of every manifest error.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
