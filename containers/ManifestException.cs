// A manifest error: "FILE:LINE:COLUMN: FIELD: what is wrong", pointing at the offending key or value.
using System;

namespace Codezero.Containers;

public sealed class ManifestException : Exception
{
    public ManifestException(SourceLocation location, string field, string problem)
        : base($"{location}: {field}: {problem}")
    {
        Location = location;
        Field = field;
        Problem = problem;
    }

    /// <summary>The offending key or value (for a missing field: the table that lacks it).</summary>
    public SourceLocation Location { get; }

    /// <summary>The field's path, such as <c>container[2].memory</c> or <c>container 'server'.ipc[0].to</c>.</summary>
    public string Field { get; }

    /// <summary>The message without its location and field.</summary>
    public string Problem { get; }
}
