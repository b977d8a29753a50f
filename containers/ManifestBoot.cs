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
    /// <summary>The kernel's options for a manifest: its pools large enough for every container's.</summary>
    public static KernelOptions OptionsFor(Manifest manifest, long maxCycles = 0)
    {
        int threads = 0, spaces = 0, mutexes = 0, caps = 64;
        foreach (ContainerSpec c in manifest.Containers)
        {
            threads += c.Pools.Threads;
            spaces += c.Pools.Spaces;
            mutexes += c.Pools.Mutexes;
            caps += c.Pools.Caps + 32 + c.Physical.Count + c.Virtual.Count + c.Ipc.Count + 2 * c.Devices.Count;
        }
        return new KernelOptions
        {
            MaxThreads = Math.Clamp(threads, 16, 4095),
            MaxSpaces = Math.Clamp(spaces, 8, 1024),
            MaxContainers = Math.Max(manifest.Containers.Count, 1),
            MaxContendedMutexes = Math.Clamp(mutexes, 16, 4096),
            MaxCaps = Math.Clamp(caps, 64, 65535),
            MaxCycles = maxCycles,
        };
    }

    /// <summary>The board limits a manifest is validated against for these kernel options.</summary>
    public static BoardLimits LimitsFor(KernelOptions options, int cores, uint ramSize)
        => new() { Cores = cores, RamSize = ramSize, FirstFreeAddress = KernelBoot.FirstFreeAddress(options) };

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
