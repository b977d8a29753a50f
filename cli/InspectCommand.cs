// `codezero inspect`: validates a manifest, boots it without running, prints the memory layout and every cap table.
using System;
using System.Globalization;
using System.IO;
using System.Text;
using Codezero.Caps;
using Codezero.Cli.Options;
using Codezero.Containers;
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel;
using Codezero.Kernel.Boot;
using Codezero.Kernel.Hal;

namespace Codezero.Cli;

public static class InspectCommand
{
    public static int Execute(InspectOptions options)
    {
        LoadedManifest loaded = LoadedManifest.Load(options.Manifest, options.Cpus, 0);
        Manifest manifest = loaded.Manifest;
        using var board = new Board(new BoardOptions
        {
            Cores = manifest.BoardCores,
            RamSize = manifest.BoardRamSize,
            ConsoleOutput = Stream.Null,
            Semihosting = false,
        });
        Kernel<CortexA9Hal> kernel = loaded.Boot(board, parallel: false);
        TextWriter o = Console.Out;
        o.WriteLine($"manifest {manifest.Path}: {manifest.Containers.Count} container(s), {manifest.BoardCores} core(s), {manifest.BoardRamSize >> 20} MiB RAM");
        PrintLayout(o, manifest, loaded.Options);
        foreach (ContainerSpec spec in manifest.Containers)
        {
            PrintContainer(o, kernel, spec);
        }
        return 0;
    }

    private static void PrintLayout(TextWriter o, Manifest manifest, KernelOptions options)
    {
        uint ram = Hal.ArmCortexA9.Memory.PhysicalMemoryMap.RamBase;
        uint objects = KernelBoot.KernelObjectBytes(options);
        uint free = KernelBoot.FirstFreeAddress(options);
        o.WriteLine("memory layout (physical):");
        Row(o, ram, objects, $"kernel objects: {options.MaxThreads} threads, {options.MaxSpaces} spaces, {options.MaxCaps} caps, IPC staging");
        Row(o, ram + objects, free - ram - objects, $"page-table frames ({options.PageTableFrames})");
        foreach (ContainerSpec spec in manifest.Containers)
        {
            foreach (MemoryRegion region in spec.Physical)
            {
                Row(o, region.Base, region.Size, $"container {spec.Id} '{spec.Name}'");
            }
        }
        foreach (ContainerSpec spec in manifest.Containers)
        {
            foreach (DeviceGrant device in spec.Devices)
            {
                Row(o, device.PhysicalBase, device.Size, $"{device.Name} (IRQ {string.Join(", ", device.Irqs)}) -> container {spec.Id} '{spec.Name}'");
            }
        }
    }

    private static void Row(TextWriter o, uint start, uint size, string what)
        => o.WriteLine(string.Format(CultureInfo.InvariantCulture, "  0x{0:x8}-0x{1:x8} {2,9}  {3}", start, (uint)(start + (ulong)size - 1), Size(size), what));

    private static string Size(uint bytes)
        => bytes % (1u << 20) == 0 ? $"{bytes >> 20} MiB" : bytes % 1024 == 0 ? $"{bytes >> 10} KiB" : $"{bytes} B";

    private static unsafe void PrintContainer(TextWriter o, Kernel<CortexA9Hal> kernel, ContainerSpec spec)
    {
        Kernel.Containers.ContainerRecord* record = kernel.Container(spec.Id);
        o.WriteLine();
        o.WriteLine($"container {spec.Id} '{spec.Name}' ({spec.Type.ToString().ToLowerInvariant()}): pager 0x{record->RootTid:x8}, priority {spec.Priority}, "
            + (spec.Affinity == 0 ? "any core" : "cores " + Cores(spec.Affinity)) + $", image {spec.ImagePath}");
        CapabilityTable caps = kernel.Capabilities;
        PrintCaps(o, caps, CapOwner.Space(kernel.SpaceOf(record->RootTid)), "held by the pager's space");
        PrintCaps(o, caps, CapOwner.Container(spec.Id), "shared with the whole container");
    }

    private static string Cores(uint mask)
    {
        var b = new StringBuilder();
        for (int c = 0; c < 32; c++)
        {
            if ((mask >> c & 1) != 0)
            {
                b.Append(b.Length == 0 ? "" : ",").Append(c);
            }
        }
        return b.ToString();
    }

    private static unsafe void PrintCaps(TextWriter o, CapabilityTable caps, CapOwner owner, string heading)
    {
        o.WriteLine($"  caps {heading}:");
        for (int type = 1; type <= (int)CapType.CapabilityControl; type++)
        {
            for (Capability* c = caps.First(owner, (CapType)type); c != null; c = caps.Next(c))
            {
                o.WriteLine("    " + CapDescription.Describe(c));
            }
        }
    }
}
