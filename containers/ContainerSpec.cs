// One container of a manifest, validated and placed: what the boot code needs to create it.
using System.Collections.Generic;

namespace Codezero.Containers;

public sealed class ContainerSpec
{
    public required string Name { get; init; }

    public ContainerType Type { get; init; }

    /// <summary>The pager's ELF, an absolute path.</summary>
    public required string ImagePath { get; init; }

    /// <summary>The pager's ELF as read and checked when the manifest was loaded; boot loads it from here.</summary>
    public required Codezero.Hal.ArmCortexA9.Boot.ElfImage Image { get; init; }

    /// <summary>The pager's entry point; null: the ELF's entry.</summary>
    public uint? Entry { get; init; }

    /// <summary>The pager's priority, 0 (lowest) to 31.</summary>
    public int Priority { get; init; }

    /// <summary>Cores the pager may run on, bit n for core n; 0 = any.</summary>
    public uint Affinity { get; init; }

    /// <summary>The container's physical memory, sorted by base, each region inside RAM and after the kernel's part.</summary>
    public required IReadOnlyList<MemoryRegion> Physical { get; init; }

    /// <summary>The virtual ranges the container may map, sorted by base, inside 0x00001000-0x7FFFFFFF.</summary>
    public required IReadOnlyList<MemoryRegion> Virtual { get; init; }

    public required PoolSizes Pools { get; init; }

    public required IReadOnlyList<IpcGrant> Ipc { get; init; }

    public required IReadOnlyList<DeviceGrant> Devices { get; init; }

    /// <summary><see cref="Codezero.Caps.CapRights.ThreadControl"/> bits of the container's own thread_control cap.</summary>
    public uint ThreadControlRights { get; init; }

    /// <summary><see cref="Codezero.Caps.CapRights.ExchangeRegisters"/> bits.</summary>
    public uint ExchangeRegistersRights { get; init; }

    /// <summary><see cref="Codezero.Caps.CapRights.CapabilityControl"/> bits.</summary>
    public uint CapabilityControlRights { get; init; }

    /// <summary><see cref="Codezero.Caps.CapRights.Mutex"/> bits.</summary>
    public uint MutexRights { get; init; }

    /// <summary>The container's <c>[[container]]</c> header (or its inline table).</summary>
    public SourceLocation Location { get; init; }

    /// <summary>0-based order in the file; the container id is Index + 1.</summary>
    public int Index { get; init; }

    /// <summary>The container id (1-127) the kernel gives it: Index + 1.</summary>
    public int Id => Index + 1;
}
