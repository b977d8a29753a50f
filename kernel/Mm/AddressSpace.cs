// An address space: its first-level table, ASID context, thread count and the cores it is live on.
using System.Runtime.InteropServices;

namespace Codezero.Kernel.Mm;

[StructLayout(LayoutKind.Sequential)]
public struct AddressSpace
{
    /// <summary>Reserved: the pool chains free slots through the first word.</summary>
    public int PoolLink;

    /// <summary>Space id user code sees (getid).</summary>
    public uint Id;

    /// <summary>Physical address of its 8 KiB first-level table (TTBR0).</summary>
    public uint L1;

    /// <summary>ASID and generation (<see cref="AsidAllocator"/>).</summary>
    public ulong AsidContext;

    /// <summary>Threads in it; the space is freed with its last thread.</summary>
    public int Threads;

    public int Container;

    /// <summary>Cores whose TTBR0 points at it now (a change must reach their TLBs).</summary>
    public uint LiveCores;

    /// <summary>Quota: the Spaces cap its creation was charged to, and the MapPages cap its table frames are (0: boot).</summary>
    public uint SpaceCharge, MapCharge;

    /// <summary>Second-level table frames charged to <see cref="MapCharge"/>.</summary>
    public int MapFrames;
}
