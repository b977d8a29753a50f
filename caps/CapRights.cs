// Access bits: per capability type in the low bits, and the three generic bits every cap has at the top.
namespace Codezero.Caps;

/// <summary>
/// A cap's rights word. The low 16 bits mean what its type says (the nested classes); bits 29-31 are
/// generic: whether it may be narrowed (deduce, split), given away (grant, share) and copied (replicate).
/// </summary>
public static class CapRights
{
    public const uint Changeable = 1u << 29;
    public const uint Transferable = 1u << 30;
    public const uint Replicable = 1u << 31;
    public const uint Generic = Changeable | Transferable | Replicable;
    public const uint TypeMask = 0xFFFF;

    public static class ThreadControl
    {
        public const uint Create = 1, Destroy = 2, Run = 4, Suspend = 8, Recycle = 16, Wait = 32, Sched = 64;
        public const uint All = 127;
    }

    public static class ExchangeRegisters
    {
        public const uint Read = 1, Write = 2, Pager = 4, Utcb = 8;
        public const uint All = 15;
    }

    /// <summary>Physical and virtual memory.</summary>
    public static class Memory
    {
        public const uint Read = 1, Write = 2, Exec = 4, Cached = 8, Uncached = 16, Unmap = 32, Utcb = 64;
        public const uint All = 127;
    }

    public static class Ipc
    {
        public const uint Send = 1, Receive = 2, Short = 4, Full = 8, Extended = 16;
        public const uint All = 31;
    }

    public static class IrqControl
    {
        public const uint Register = 1, Wait = 2;
        public const uint All = 3;
    }

    public static class Mutex
    {
        public const uint Lock = 1, Unlock = 2;
        public const uint All = 3;
    }

    /// <summary>Quantity caps have no type rights; the pool is their resource.</summary>
    public static class Quantity
    {
        public const uint All = 0;
    }

    public static class CapabilityControl
    {
        public const uint Grant = 1, Read = 2, Share = 4, Replicate = 8, Split = 16, Deduce = 32, Destroy = 64, Revoke = 128;
        public const uint All = 255;
    }

    /// <summary>Every type right a cap of <paramref name="type"/> can have.</summary>
    public static uint AllFor(CapType type) => type switch
    {
        CapType.ThreadControl => ThreadControl.All,
        CapType.ExchangeRegisters => ExchangeRegisters.All,
        CapType.PhysicalMemory or CapType.VirtualMemory => Memory.All,
        CapType.Ipc => Ipc.All,
        CapType.IrqControl => IrqControl.All,
        CapType.Mutex => Mutex.All,
        CapType.CapabilityControl => CapabilityControl.All,
        _ => 0,
    };
}
