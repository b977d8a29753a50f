// Turns a container's powers into capabilities, and the powers the minimal boot path gives each program.
using Codezero.Caps;
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel.Hal;

namespace Codezero.Kernel.Boot;

/// <summary>
/// A container's root thread is its pager. Its space holds: thread control, exchange registers, IPC and
/// cap control over its own container; a physical-memory cap per RAM region and per device window; a
/// virtual-memory cap per virtual range (for every space of the container); an IRQ cap per device line;
/// an IPC cap per peer. The whole container shares: an IPC cap targeting the root alone (the pager
/// idiom: children may call their pager, not each other), mutexes, and the pools. Every cap but the
/// pools is changeable, transferable and replicable (pools are not replicable: quantities are split).
/// </summary>
public static unsafe class DefaultCapabilities
{
    private const uint AllGeneric = CapRights.Generic;
    private const uint Uart0Irq = Board.Uart0Spi;

    /// <summary>What <c>codezero kernel</c> gives a program: everything within its container, UART0 and its IRQ, pools as large as the kernel's.</summary>
    public static ContainerPowers ForKernelVerb(uint memoryBase, uint memorySize, KernelOptions options)
    {
        var powers = new ContainerPowers
        {
            Threads = options.MaxThreads,
            Spaces = options.MaxSpaces,
            Mutexes = options.MaxContendedMutexes,
            MapPages = options.PageTableFrames,
            Caps = options.MaxCaps,
        };
        powers.Physical.Add((memoryBase, memorySize));
        powers.Virtual.Add((Mm.UserPageTables.PageSize, Mm.UserPageTables.UserTop - Mm.UserPageTables.PageSize));
        powers.DeviceWindows.Add((Board.Uart0Base, Mm.UserPageTables.PageSize));
        powers.Irqs.Add((int)Uart0Irq);
        return powers;
    }

    public static void Give(Kernel<CortexA9Hal> kernel, int container, ContainerPowers powers)
    {
        uint root = kernel.Container(container)->RootTid;
        uint c = (uint)container;
        const uint memory = CapRights.Memory.Read | CapRights.Memory.Write | CapRights.Memory.Exec | CapRights.Memory.Cached
                            | CapRights.Memory.Unmap | CapRights.Memory.Utcb;
        Own(kernel, container, Capability.ForTarget(CapType.ThreadControl, powers.ThreadControl | AllGeneric, TargetKind.Container, c));
        Own(kernel, container, Capability.ForTarget(CapType.ExchangeRegisters, powers.ExchangeRegisters | AllGeneric, TargetKind.Container, c));
        Own(kernel, container, Capability.ForTarget(CapType.Ipc, CapRights.Ipc.All | AllGeneric, TargetKind.Container, c));
        Own(kernel, container, Capability.ForTarget(CapType.CapabilityControl, powers.CapabilityControl | AllGeneric, TargetKind.Container, c));
        foreach ((uint start, uint size) in powers.Physical)
        {
            Own(kernel, container, Capability.ForRange(CapType.PhysicalMemory, memory | AllGeneric, start >> 12, (uint)(((ulong)start + size) >> 12)));
        }
        foreach ((uint start, uint size) in powers.Virtual)
        {
            Own(kernel, container, Capability.ForVirtual(CapRights.Memory.All | AllGeneric, start >> 12, (uint)(((ulong)start + size) >> 12), TargetKind.Container, c));
        }
        foreach ((uint start, uint size) in powers.DeviceWindows)
        {
            Own(kernel, container, Capability.ForRange(CapType.PhysicalMemory,
                CapRights.Memory.Read | CapRights.Memory.Write | CapRights.Memory.Uncached | CapRights.Memory.Unmap | AllGeneric,
                start >> 12, (uint)(((ulong)start + size) >> 12)));
        }
        foreach (int irq in powers.Irqs)
        {
            Own(kernel, container, Capability.ForRange(CapType.IrqControl, CapRights.IrqControl.All | AllGeneric, (uint)irq, (uint)irq + 1));
        }
        foreach ((TargetKind kind, uint target, uint rights) in powers.IpcTowards)
        {
            Own(kernel, container, Capability.ForTarget(CapType.Ipc, rights | AllGeneric, kind, target));
        }
        Shared(kernel, container, Capability.ForTarget(CapType.Ipc, CapRights.Ipc.All | AllGeneric, TargetKind.Thread, root));
        if (powers.Mutex != 0)
        {
            Shared(kernel, container, Capability.ForTarget(CapType.Mutex, powers.Mutex | AllGeneric, TargetKind.Container, c));
        }
        const uint pool = CapRights.Changeable | CapRights.Transferable;
        Shared(kernel, container, Capability.ForPool(PoolKind.Threads, (uint)powers.Threads, pool));
        Shared(kernel, container, Capability.ForPool(PoolKind.Spaces, (uint)powers.Spaces, pool));
        Shared(kernel, container, Capability.ForPool(PoolKind.Mutexes, (uint)powers.Mutexes, pool));
        Shared(kernel, container, Capability.ForPool(PoolKind.MapPages, (uint)powers.MapPages, pool));
        Shared(kernel, container, Capability.ForPool(PoolKind.Caps, (uint)powers.Caps, pool));
    }

    private static void Own(Kernel<CortexA9Hal> kernel, int container, Capability cap) => kernel.GiveCapability(container, false, cap);

    private static void Shared(Kernel<CortexA9Hal> kernel, int container, Capability cap) => kernel.GiveCapability(container, true, cap);
}
