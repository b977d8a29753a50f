// Turns a validated manifest into running containers: the kernel on the board, each container and its caps.
using System;
using Codezero.Caps;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Kernel;
using Codezero.Kernel.Boot;
using Codezero.Kernel.Hal;

namespace Codezero.Containers;

/// <summary>
/// Boot in three steps, since caps may name other containers' pagers: create every container (its
/// space, image, stack, UTCB page and root thread) in file order, so container i has id i + 1; then
/// give each its caps (<see cref="ContainerPowers"/> from the manifest, turned into caps by
/// <see cref="DefaultCapabilities.Give"/>); then start the cores. The images were read and checked with the manifest
/// (<see cref="ContainerSpec.Image"/>), so what is left to fail here is the kernel's own (a full pool).
/// </summary>
public static class ManifestBoot
{
    /// <summary>The most threads the kernel has: the slot field of a thread id. The containers' thread pools add up to at most this.</summary>
    public const int MaxThreads = Kernel.Abi.ThreadId.MaxSlots;

    /// <summary>The most address spaces and contended mutexes the kernel's pools are given (each fits the fixed object region).</summary>
    public const int MaxSpaces = 4095, MaxContendedMutexes = 4095;

    /// <summary>The most caps the kernel's table holds: the index field of a cap id (<see cref="CapabilityTable"/>).</summary>
    public const int MaxCaps = 65535;

    /// <summary>Caps the kernel's table has besides the containers' <c>caps</c> pools: its own reserve.</summary>
    public const int KernelCaps = 64;

    /// <summary>
    /// The table slots a container takes at boot besides its <c>caps</c> pool: 32 for its own caps (thread
    /// control, quantities, ...), one per physical and virtual region and IPC grant, two per device (memory and IRQ).
    /// </summary>
    public static int BootCaps(int physical, int @virtual, int ipc, int devices) => 32 + physical + @virtual + ipc + 2 * devices;

    /// <summary>The kernel's options for a manifest: its pools large enough for every container's (the loader checked the sums).</summary>
    public static KernelOptions OptionsFor(Manifest manifest, long maxCycles = 0)
    {
        int threads = 0, spaces = 0, mutexes = 0, caps = KernelCaps;
        foreach (ContainerSpec c in manifest.Containers)
        {
            threads += c.Pools.Threads;
            spaces += c.Pools.Spaces;
            mutexes += c.Pools.Mutexes;
            caps += c.Pools.Caps + BootCaps(c.Physical.Count, c.Virtual.Count, c.Ipc.Count, c.Devices.Count);
        }
        return new KernelOptions
        {
            MaxThreads = Math.Clamp(threads, 16, MaxThreads),
            MaxSpaces = Math.Clamp(spaces, 8, MaxSpaces),
            MaxContainers = Math.Max(manifest.Containers.Count, 1),
            MaxContendedMutexes = Math.Clamp(mutexes, 16, MaxContendedMutexes),
            MaxCaps = Math.Clamp(caps, 64, MaxCaps),
            MaxCycles = maxCycles,
        };
    }

    /// <summary>The board limits a manifest is validated against for these kernel options.</summary>
    public static BoardLimits LimitsFor(KernelOptions options, int cores, uint ramSize)
        => new()
        {
            Cores = cores,
            RamSize = ramSize,
            FirstFreeAddress = KernelBoot.FirstFreeAddress(options),
            KernelShare = KernelShare(options),
        };

    /// <summary>What the kernel's part of RAM holds for these options, each pool with its cost, for messages.</summary>
    public static string KernelShare(KernelOptions options)
    {
        uint staging = Kernel<CortexA9Hal>.StagingRegionBytes(options.MaxThreads);
        uint caps = CapabilityTable.BytesFor(options.MaxCaps, options.MaxContainers, options.MaxSpaces);
        uint frames = (uint)options.PageTableFrames * Kernel.Mm.PhysicalFrameAllocator.FrameSize;
        uint total = KernelBoot.FirstFreeAddress(options) - Codezero.Hal.ArmCortexA9.Memory.PhysicalMemoryMap.RamBase;
        return $"the kernel's part takes {Sizes.Format(total)}: {Sizes.Format(KernelBoot.FixedObjectBytes)} of thread, space and mutex records, "
            + $"{Sizes.Format(staging)} of IPC staging for {options.MaxThreads} threads (2 KiB each: the containers' thread pools), "
            + $"{(caps + 1023) / 1024} KiB for {options.MaxCaps} caps (68 bytes each: the caps pools and each container's boot caps), "
            + $"{Sizes.Format(frames)} for {options.PageTableFrames} page-table frames, in whole MiB";
    }

    /// <summary>Boots every container of <paramref name="manifest"/>; the cores start when this returns.</summary>
    public static unsafe Kernel<CortexA9Hal> Boot(Board board, bool parallel, Manifest manifest, KernelOptions options)
    {
        Kernel<CortexA9Hal> kernel = KernelBoot.Prepare(board, parallel, options);
        var roots = new uint[manifest.Containers.Count];
        foreach (ContainerSpec spec in manifest.Containers)
        {
            MemoryRegion home = spec.Physical[0];
            try
            {
                roots[spec.Index] = kernel.CreateRootContainer(spec.Image, home.Base, home.Size, spec.Priority, spec.Affinity, spec.Entry);
            }
            catch (Exception e) when (e is UnsupportedImageException or InvalidOperationException or ArgumentException)
            {
                throw new ManifestException(spec.Location, $"container '{spec.Name}'", e.Message);
            }
            if (Kernel.Abi.ThreadId.Container(roots[spec.Index]) != spec.Id)
            {
                throw new InvalidOperationException($"container '{spec.Name}' got id {Kernel.Abi.ThreadId.Container(roots[spec.Index])}, not {spec.Id}");
            }
        }
        foreach (ContainerSpec spec in manifest.Containers)
        {
            DefaultCapabilities.Give(kernel, spec.Id, PowersOf(spec, roots));
        }
        return kernel;
    }

    /// <summary>What the manifest says a container may do.</summary>
    public static ContainerPowers PowersOf(ContainerSpec spec, uint[] roots)
    {
        var powers = new ContainerPowers
        {
            ThreadControl = spec.ThreadControlRights,
            ExchangeRegisters = spec.ExchangeRegistersRights,
            CapabilityControl = spec.CapabilityControlRights,
            Mutex = spec.MutexRights,
            Threads = spec.Pools.Threads,
            Spaces = spec.Pools.Spaces,
            Mutexes = spec.Pools.Mutexes,
            MapPages = spec.Pools.MapPages,
            Caps = spec.Pools.Caps,
        };
        foreach (MemoryRegion region in spec.Physical)
        {
            powers.Physical.Add((region.Base, region.Size));
        }
        foreach (MemoryRegion region in spec.Virtual)
        {
            powers.Virtual.Add((region.Base, region.Size));
        }
        foreach (DeviceGrant device in spec.Devices)
        {
            powers.DeviceWindows.Add((device.PhysicalBase, device.Size));
            powers.Irqs.AddRange(device.Irqs);
        }
        foreach (IpcGrant ipc in spec.Ipc)
        {
            powers.IpcTowards.Add(ipc.PagerOnly
                ? (TargetKind.Thread, roots[ipc.ToIndex], ipc.Rights)
                : (TargetKind.Container, (uint)(ipc.ToIndex + 1), ipc.Rights));
        }
        return powers;
    }
}
