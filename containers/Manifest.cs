// A loaded, validated manifest: one board run's containers, in file order, memory placed.
using System.Collections.Generic;

namespace Codezero.Containers;

public sealed class Manifest
{
    /// <summary>The manifest's path as given to the loader.</summary>
    public required string Path { get; init; }

    /// <summary><c>[board] cores</c> as written; null when absent.</summary>
    public int? Cores { get; init; }

    /// <summary><c>[board] ram_mib</c> as written; null when absent.</summary>
    public uint? RamMib { get; init; }

    /// <summary>The cores the run has: the command line's, else the manifest's, else 4. Affinities were checked against it.</summary>
    public int BoardCores { get; init; }

    /// <summary>The RAM size in bytes the run has: the command line's, else the manifest's, else 128 MiB. Memory was placed in it.</summary>
    public uint BoardRamSize { get; init; }

    /// <summary>At least one, at most 127; container id = index + 1.</summary>
    public required IReadOnlyList<ContainerSpec> Containers { get; init; }
}
