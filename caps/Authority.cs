// The one place where each system call's authority is checked: which cap it needs and what it must cover.
namespace Codezero.Caps;

/// <summary>
/// Each check looks for a cap of the one type the call needs, first among the caps of the caller's
/// space, then of its container, and succeeds when one has the rights needed and covers the target:
/// thread within space within container for object caps, the whole page or line range for memory and
/// IRQ caps. It returns 0 or -ENOCAP and changes nothing; quotas are consumed by the kernel afterwards
/// (<see cref="CapabilityTable.Consume"/>). Calls without a cap: getid, thread_switch, time, exit,
/// console_write. The kernel calls these from its syscall handlers and nowhere else decides.
/// </summary>
public static unsafe class Authority
{
    /// <summary>ipc: a send needs an IPC cap with Send and the tier's right whose target contains the receiver.</summary>
    public static int Ipc(CapabilityTable caps, in Subject caller, in Subject receiver, uint tierRight)
        => FindTarget(caps, caller, CapType.Ipc, CapRights.Ipc.Send | tierRight, receiver) ? 0 : CapStatus.ENOCAP;

    /// <summary>The IPC tier right for a flags tier: 0 short, 1 full, 2 extended.</summary>
    public static uint TierRight(uint tier)
        => tier == 1 ? CapRights.Ipc.Full : tier == 2 ? CapRights.Ipc.Extended : CapRights.Ipc.Short;

    /// <summary>thread_control: a thread-control cap with the action's right whose target contains the thread acted on.</summary>
    public static int ThreadControl(CapabilityTable caps, in Subject caller, in Subject target, uint right)
        => FindTarget(caps, caller, CapType.ThreadControl, right, target) ? 0 : CapStatus.ENOCAP;

    /// <summary>exchange_registers: an exregs cap with the rights the request uses, covering the target thread.</summary>
    public static int ExchangeRegisters(CapabilityTable caps, in Subject caller, in Subject target, uint rights)
        => FindTarget(caps, caller, CapType.ExchangeRegisters, rights, target) ? 0 : CapStatus.ENOCAP;

    /// <summary>
    /// map: a physical-memory cap covering frames [physPage, physPage+pages) and a virtual-memory cap
    /// covering pages [virtPage, virtPage+pages) of the target's space, both with the mapping's rights
    /// (<paramref name="memoryRights"/>: Read, Write, Exec, and Uncached for device memory or Cached).
    /// </summary>
    public static int Map(CapabilityTable caps, in Subject caller, in Subject target, uint physPage, uint virtPage, uint pages, uint memoryRights)
    {
        if (!FindRange(caps, caller, CapType.PhysicalMemory, memoryRights, physPage, pages))
        {
            return CapStatus.ENOCAP;
        }
        return FindVirtual(caps, caller, memoryRights, virtPage, pages, target) ? 0 : CapStatus.ENOCAP;
    }

    /// <summary>unmap: a virtual-memory cap with Unmap covering the pages of the target's space.</summary>
    public static int Unmap(CapabilityTable caps, in Subject caller, in Subject target, uint virtPage, uint pages)
        => FindVirtual(caps, caller, CapRights.Memory.Unmap, virtPage, pages, target) ? 0 : CapStatus.ENOCAP;

    /// <summary>cache_control: a virtual-memory cap with Cached covering the range of the caller's own space.</summary>
    public static int CacheControl(CapabilityTable caps, in Subject caller, uint virtPage, uint pages)
        => FindVirtual(caps, caller, CapRights.Memory.Cached, virtPage, pages, caller) ? 0 : CapStatus.ENOCAP;

    /// <summary>irq_control: an IRQ-control (device) cap with the right whose line range holds <paramref name="irq"/>.</summary>
    public static int Irq(CapabilityTable caps, in Subject caller, uint irq, uint right)
        => FindRange(caps, caller, CapType.IrqControl, right, irq, 1) ? 0 : CapStatus.ENOCAP;

    /// <summary>mutex_control: a mutex cap with the right, for the caller's own container.</summary>
    public static int Mutex(CapabilityTable caps, in Subject caller, uint right)
        => FindTarget(caps, caller, CapType.Mutex, right, caller) ? 0 : CapStatus.ENOCAP;

    /// <summary>capability_control: a cap-control cap with the operation's right, for the caller's own container.</summary>
    public static int CapabilityControl(CapabilityTable caps, in Subject caller, uint right)
        => FindTarget(caps, caller, CapType.CapabilityControl, right, caller) ? 0 : CapStatus.ENOCAP;

    /// <summary>True when the caller may operate on cap <paramref name="c"/>: its space or its container holds it.</summary>
    public static bool Holds(CapabilityTable caps, in Subject caller, Capability* c)
    {
        CapOwner owner = caps.OwnerOf(c);
        return owner.IsContainer ? owner.Id == caller.Container : owner.Id == caller.Space;
    }

    /// <summary>True when an object cap's target contains the subject (thread within space within container).</summary>
    public static bool Contains(Capability* c, in Subject s) => c->TargetKind switch
    {
        TargetKind.Thread => c->Target == s.Thread,
        TargetKind.Space => c->Target == (uint)s.Space,
        TargetKind.Container => c->Target == (uint)s.Container,
        _ => false,
    };

    private static bool FindTarget(CapabilityTable caps, in Subject caller, CapType type, uint rights, in Subject target)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            for (Capability* c = caps.First(pass == 0 ? caller.SpaceOwner : caller.ContainerOwner, type); c != null; c = caps.Next(c))
            {
                if ((c->Rights & rights) == rights && Contains(c, target))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool FindRange(CapabilityTable caps, in Subject caller, CapType type, uint rights, uint start, uint count)
    {
        ulong end = (ulong)start + count;
        for (int pass = 0; pass < 2; pass++)
        {
            for (Capability* c = caps.First(pass == 0 ? caller.SpaceOwner : caller.ContainerOwner, type); c != null; c = caps.Next(c))
            {
                if ((c->Rights & rights) == rights && start >= c->Start && end <= c->End)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool FindVirtual(CapabilityTable caps, in Subject caller, uint rights, uint start, uint count, in Subject target)
    {
        ulong end = (ulong)start + count;
        for (int pass = 0; pass < 2; pass++)
        {
            for (Capability* c = caps.First(pass == 0 ? caller.SpaceOwner : caller.ContainerOwner, CapType.VirtualMemory); c != null; c = caps.Next(c))
            {
                if ((c->Rights & rights) == rights && start >= c->Start && end <= c->End && Contains(c, target))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
