// An IPC capability a container is given towards another container (or only that container's pager).
namespace Codezero.Containers;

public sealed class IpcGrant
{
    /// <summary>The name of the container the cap targets (validated: another container of the manifest).</summary>
    public required string To { get; init; }

    /// <summary>The cap targets only <see cref="To"/>'s pager thread, not every thread of that container.</summary>
    public bool PagerOnly { get; init; }

    /// <summary><see cref="Codezero.Caps.CapRights.Ipc"/> bits.</summary>
    public uint Rights { get; init; }

    /// <summary>The container index (0-based, file order) of <see cref="To"/>: its container id is this + 1.</summary>
    public int ToIndex { get; init; }

    public SourceLocation Location { get; init; }
}
