// The quantity pools a container's allocations are charged to.
namespace Codezero.Caps;

public enum PoolKind : byte
{
    None = 0,
    Threads = 1,
    Spaces = 2,
    Mutexes = 3,
    /// <summary>Second-level page tables (map pages).</summary>
    MapPages = 4,
    /// <summary>New capabilities made by replicate and split.</summary>
    Caps = 5,
}
