// A physical or virtual memory range of a container, in bytes, page aligned.
namespace Codezero.Containers;

public readonly record struct MemoryRegion(uint Base, uint Size)
{
    /// <summary>The first byte after the region (as a 64-bit value: a region may end at 4 GiB).</summary>
    public ulong End => (ulong)Base + Size;

    public bool Overlaps(MemoryRegion other) => Base < other.End && other.Base < End;

    public override string ToString() => $"0x{Base:X8}-0x{End - 1:X8}";
}
