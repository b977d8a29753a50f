// Boots the kernel on a board: RAM split, kernel objects, MMU and GIC set-up, one container per program.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Memory;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Memory;
using Codezero.Kernel.Mm;

namespace Codezero.Kernel.Boot;

/// <summary>
/// The minimal way to run programs on the kernel until manifests exist: each ELF becomes a container
/// with its own physical memory and a root thread that is its pager. Board RAM is split as
/// [kernel objects][page-table frames][container 1][container 2]...; all of it is fixed at boot.
/// </summary>
public static class KernelBoot
{
    /// <summary>
    /// The kernel's fixed pools and tables: threads, spaces, containers, run queues, contended mutexes and IRQ
    /// lines, at most about 1.5 MiB with every pool at its limit (4095 threads, spaces and mutexes, 127 containers).
    /// </summary>
    public const uint FixedObjectBytes = 2u << 20;

    /// <summary>
    /// The kernel region, in whole MiB: <see cref="FixedObjectBytes"/>, a 2 KiB IPC staging buffer per thread,
    /// and the capability table, the one pool that can outgrow the fixed part (68 bytes a cap, up to 65535).
    /// </summary>
    public static uint KernelObjectBytes(KernelOptions options)
        => (FixedObjectBytes + Kernel<CortexA9Hal>.StagingRegionBytes(options.MaxThreads)
            + global::Codezero.Caps.CapabilityTable.BytesFor(options.MaxCaps, options.MaxContainers, options.MaxSpaces) + 0xFFFFF) & ~0xFFFFFu;

    /// <summary>The first byte of RAM after the kernel's part (objects and page-table frames), 1 MiB aligned: containers start here.</summary>
    public static uint FirstFreeAddress(KernelOptions options)
    {
        uint framesBase = PhysicalMemoryMap.RamBase + KernelObjectBytes(options);
        uint framesSize = (uint)options.PageTableFrames * PhysicalFrameAllocator.FrameSize;
        return (framesBase + framesSize + 0xFFFFF) & ~0xFFFFFu;
    }

    /// <summary>
    /// The minimal boot path: each program becomes a container of <see cref="KernelOptions.ContainerMemory"/>
    /// bytes, one after another from <see cref="FirstFreeAddress"/>, with <see cref="DefaultCapabilities"/>.
    /// </summary>
    public static Kernel<CortexA9Hal> Boot(Board board, bool parallel, KernelOptions options, ReadOnlySpan<ElfImage> programs)
    {
        if (programs.Length == 0)
        {
            throw new ArgumentException("nothing to boot: give at least one program");
        }
        uint containersBase = FirstFreeAddress(options);
        ulong needed = (ulong)containersBase - PhysicalMemoryMap.RamBase + (ulong)options.ContainerMemory * (ulong)programs.Length;
        if (needed > board.Memory.RamSize)
        {
            throw new ArgumentException($"{programs.Length} programs of {options.ContainerMemory >> 20} MiB each and the kernel need {needed >> 20} MiB; the board has {board.Memory.RamSize >> 20} MiB");
        }
        Kernel<CortexA9Hal> kernel = Prepare(board, parallel, options);
        for (int i = 0; i < programs.Length; i++)
        {
            uint memoryBase = containersBase + (uint)i * options.ContainerMemory;
            uint root = kernel.CreateRootContainer(programs[i], memoryBase, options.ContainerMemory);
            DefaultCapabilities.Give(kernel, Abi.ThreadId.Container(root), DefaultCapabilities.ForKernelVerb(memoryBase, options.ContainerMemory, options));
        }
        kernel.StartCores();
        return kernel;
    }

    /// <summary>
    /// The kernel on the board with no container yet: its region and pools, the shared kernel half, the
    /// cores' MMU and interrupt controller, the entry installed. The caller creates the containers, gives
    /// them caps, then calls <see cref="Kernel{THal}.StartCores"/>.
    /// </summary>
    public static Kernel<CortexA9Hal> Prepare(Board board, bool parallel, KernelOptions options)
    {
        PhysicalMemoryMap memory = board.Memory;
        uint ramBase = PhysicalMemoryMap.RamBase;
        uint objectBytes = KernelObjectBytes(options);
        uint framesBase = ramBase + objectBytes;
        if (FirstFreeAddress(options) - ramBase > memory.RamSize)
        {
            throw new ArgumentException($"the kernel needs {(FirstFreeAddress(options) - ramBase) >> 20} MiB; the board has {memory.RamSize >> 20} MiB");
        }
        var region = new KernelRegion(memory, ramBase, objectBytes);
        uint bitmap = region.Carve(PhysicalFrameAllocator.BitmapBytes((uint)options.PageTableFrames));
        var frames = new PhysicalFrameAllocator(memory, framesBase, (uint)options.PageTableFrames, bitmap);
        var hal = new CortexA9Hal(board, parallel);
        var kernel = new Kernel<CortexA9Hal>(hal, options, region, frames);
        uint ttbr1 = kernel.BuildKernelHalf();
        hal.InitialiseCores(ttbr1);
        hal.InstallEntry(kernel);
        return kernel;
    }
}
