// The caps the minimal boot path (codezero kernel) gives each program's container: everything within itself.
using Codezero.Caps;
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel.Hal;

namespace Codezero.Kernel.Boot;

/// <summary>
/// Until a manifest says otherwise, a container's root thread is its pager with every power over its
/// own container and nothing beyond it: thread control, exchange registers, IPC, mutexes and cap control
/// over the container, its physical memory, the whole user half of every space in it, UART0 and its
/// IRQ, held by the root's space. Shared with the whole container: an IPC cap targeting the root only
/// (the pager idiom: children can call the pager, not each other), mutexes, and the pools.
/// </summary>
public static unsafe class DefaultCapabilities
{
    private const uint AllGeneric = CapRights.Generic;
    private const uint Uart0Irq = 37;

    public static void Give(Kernel<CortexA9Hal> kernel, int container, uint memoryBase, uint memorySize, KernelOptions options)
    {
        uint root = kernel.Container(container)->RootTid;
        uint c = (uint)container;
        uint memory = CapRights.Memory.Read | CapRights.Memory.Write | CapRights.Memory.Exec | CapRights.Memory.Cached
                      | CapRights.Memory.Unmap | CapRights.Memory.Utcb;
        Give(kernel, container, false, Capability.ForTarget(CapType.ThreadControl, CapRights.ThreadControl.All | AllGeneric, TargetKind.Container, c));
        Give(kernel, container, false, Capability.ForTarget(CapType.ExchangeRegisters, CapRights.ExchangeRegisters.All | AllGeneric, TargetKind.Container, c));
        Give(kernel, container, false, Capability.ForTarget(CapType.Ipc, CapRights.Ipc.All | AllGeneric, TargetKind.Container, c));
        Give(kernel, container, false, Capability.ForTarget(CapType.CapabilityControl, CapRights.CapabilityControl.All | AllGeneric, TargetKind.Container, c));
        Give(kernel, container, false, Capability.ForRange(CapType.PhysicalMemory, memory | AllGeneric, memoryBase >> 12, (memoryBase + memorySize) >> 12));
        Give(kernel, container, false, Capability.ForVirtual(CapRights.Memory.All | AllGeneric, 1, Mm.UserPageTables.UserTop >> 12, TargetKind.Container, c));
        Give(kernel, container, false, Capability.ForRange(CapType.PhysicalMemory,
            CapRights.Memory.Read | CapRights.Memory.Write | CapRights.Memory.Uncached | AllGeneric, Board.Uart0Base >> 12, (Board.Uart0Base >> 12) + 1));
        Give(kernel, container, false, Capability.ForRange(CapType.IrqControl, CapRights.IrqControl.All | AllGeneric, Uart0Irq, Uart0Irq + 1));
        Give(kernel, container, true, Capability.ForTarget(CapType.Ipc, CapRights.Ipc.All | AllGeneric, TargetKind.Thread, root));
        Give(kernel, container, true, Capability.ForTarget(CapType.Mutex, CapRights.Mutex.All | AllGeneric, TargetKind.Container, c));
        uint pool = CapRights.Changeable | CapRights.Transferable;
        Give(kernel, container, true, Capability.ForPool(PoolKind.Threads, (uint)options.MaxThreads, pool));
        Give(kernel, container, true, Capability.ForPool(PoolKind.Spaces, (uint)options.MaxSpaces, pool));
        Give(kernel, container, true, Capability.ForPool(PoolKind.Mutexes, (uint)options.MaxContendedMutexes, pool));
        Give(kernel, container, true, Capability.ForPool(PoolKind.MapPages, (uint)options.PageTableFrames, pool));
        Give(kernel, container, true, Capability.ForPool(PoolKind.Caps, (uint)options.MaxCaps, pool));
    }

    private static void Give(Kernel<CortexA9Hal> kernel, int container, bool shared, Capability cap)
        => kernel.GiveCapability(container, shared, cap);
}
