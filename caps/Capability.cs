// One capability as a plain struct in the table's memory: what it names, its rights, its links.
using System.Runtime.InteropServices;

namespace Codezero.Caps;

/// <summary>
/// The resource a cap names depends on its type: a target (thread, space or container id) for thread
/// control, exchange registers, IPC, mutexes and cap control; a range [Start, End) of page frames for
/// physical memory, of virtual pages (plus a target whose spaces it applies to) for virtual memory, of
/// interrupt lines for IRQ control; a pool with Size and Used for quantities. Links are slot numbers
/// (0 = none): the owner's list of caps of the same type, and the derivation tree (parent, children).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Capability
{
    /// <summary>Public id: generation (15 bits, odd while live) above the slot (low 16 bits); always positive as an int.</summary>
    public uint Id;
    public CapType Type;
    public TargetKind TargetKind;
    public PoolKind Pool;
    public byte State;
    public uint Rights;
    public uint Target;
    public uint Start, End;
    public uint Size, Used;

    /// <summary>The owner's flat index in the table (see <see cref="CapOwner"/>).</summary>
    public int Owner;
    public int OwnerNext, OwnerPrev;
    public int Parent, FirstChild, NextSibling, PrevSibling;

    /// <summary>A removed quantity cap that still has objects charged to it forwards their return here (its old parent).</summary>
    public int Forward;

    /// <summary>The Caps quantity cap this cap was charged to when replicate or split made it (0: made at boot).</summary>
    public uint Charge;

    /// <summary>Just the resource and rights, for making or describing a cap.</summary>
    public static Capability Of(CapType type, uint rights) => new() { Type = type, Rights = rights };

    public static Capability ForTarget(CapType type, uint rights, TargetKind kind, uint target)
        => new() { Type = type, Rights = rights, TargetKind = kind, Target = target };

    public static Capability ForRange(CapType type, uint rights, uint start, uint end)
        => new() { Type = type, Rights = rights, Start = start, End = end };

    public static Capability ForVirtual(uint rights, uint startPage, uint endPage, TargetKind kind, uint target)
        => new() { Type = CapType.VirtualMemory, Rights = rights, Start = startPage, End = endPage, TargetKind = kind, Target = target };

    public static Capability ForPool(PoolKind pool, uint size, uint rights = 0)
        => new() { Type = CapType.Quantity, Pool = pool, Size = size, Rights = rights };
}
