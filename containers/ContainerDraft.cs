// One container as read from its table, before the checks across containers and memory placement.
using System.Collections.Generic;

namespace Codezero.Containers;

/// <summary>A value with where it was written (for the checks across containers, which point back at it).</summary>
internal readonly record struct Located<T>(T Value, SourceLocation Location, string Field);

internal sealed class ContainerDraft
{
    public required string Name;
    public required string Field;
    public SourceLocation Location;
    public SourceLocation NameLocation;
    public int Index;
    public ContainerType Type;
    public required string ImagePath;
    public required Codezero.Hal.ArmCortexA9.Boot.ElfImage Image;
    public SourceLocation ImageLocation;
    public uint? Entry;
    public int Priority;
    public uint Affinity;

    /// <summary>Memory to place after the kernel's part of RAM; null when the regions are explicit.</summary>
    public Located<uint>? AutoMemory;

    public List<Located<MemoryRegion>> Physical = new();
    public List<MemoryRegion> Virtual = new();
    public required PoolSizes Pools;

    /// <summary>Where each pool written in the manifest is (by key: "threads", "caps"...); defaults are absent.</summary>
    public Dictionary<string, SourceLocation> PoolLocations = new();
    public List<Located<IpcGrant>> Ipc = new();
    /// <summary>Each device by its name value, and where its table is.</summary>
    public List<(Located<BoardDevice> Name, SourceLocation Table)> Devices = new();
    public uint ThreadControlRights, ExchangeRegistersRights, CapabilityControlRights, MutexRights;
}
