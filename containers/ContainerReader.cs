// Reads one [[container]] table: every field with its default, range and type checks, into a draft.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Codezero.Hal.ArmCortexA9.Boot;

namespace Codezero.Containers;

internal static partial class ContainerReader
{
    public const uint UserBase = 0x00001000;
    public const ulong UserEnd = 0x80000000;
    public const int MaxPriority = 31, DefaultPriority = 16;
    public const uint DefaultMemory = 8u << 20;

    private static readonly string[] Keys =
    {
        "name", "type", "image", "entry", "priority", "affinity", "semihosting", "memory", "physical",
        "virtual", "pools", "ipc", "device", "rights",
    };

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,15}$")]
    private static partial Regex NamePattern();

    public static ContainerDraft Read(TomlTableNode table, int index, string manifestFolder, int cores)
    {
        var reader = new TableReader(table, $"container[{index}]", Keys);
        string name = ReadName(reader);
        reader.Field = $"container '{name}'";
        ContainerType type = ReadType(reader);
        (string image, ElfImage elf) = ReadImage(reader, manifestFolder);
        var draft = new ContainerDraft
        {
            Name = name,
            Field = reader.Field,
            Location = table.Location,
            NameLocation = reader.Find("name")!.KeyLocation,
            Index = index,
            Type = type,
            ImagePath = image,
            Image = elf,
            ImageLocation = reader.Find("image")!.Value.Location,
            Priority = (int)(reader.Integer("priority", 0, MaxPriority) ?? DefaultPriority),
            Affinity = ReadAffinity(reader, cores),
            Pools = new PoolSizes(),
        };
        draft.Pools = ReadPools(reader, draft);
        RefuseSemihosting(reader);
        ReadMemory(reader, draft);
        ReadVirtual(reader, draft);
        ReadEntry(reader, draft);
        ReadIpc(reader, draft);
        ReadDevices(reader, draft);
        ReadRights(reader, draft);
        return draft;
    }

    private static string ReadName(TableReader reader)
    {
        TomlEntry entry = reader.Find("name") ?? throw reader.Missing("name", "every container needs a name");
        string name = TableReader.ExpectString(entry.Value, reader.FieldOf("name")).Text;
        if (!NamePattern().IsMatch(name))
        {
            throw new ManifestException(entry.Value.Location, reader.FieldOf("name"),
                $"'{name}' is not a valid name: a lower-case letter, then up to 15 lower-case letters, digits, '_' or '-'");
        }
        return name;
    }

    private static ContainerType ReadType(TableReader reader)
    {
        TomlEntry? entry = reader.Find("type");
        if (entry is null)
        {
            return ContainerType.Bare;
        }
        string type = TableReader.ExpectString(entry.Value, reader.FieldOf("type")).Text;
        string[] types = { "bare", "posix", "guest" };
        return type switch
        {
            "bare" => ContainerType.Bare,
            "posix" or "guest" => throw new ManifestException(entry.Value.Location, reader.FieldOf("type"),
                $"'{type}' containers are not supported yet: only 'bare' (a libl4 program) can be booted"),
            _ => throw new ManifestException(entry.Value.Location, reader.FieldOf("type"),
                $"'{type}' is not a container type{Suggestions.DidYouMean(type, types)} (types: bare, posix, guest)"),
        };
    }

    private static void RefuseSemihosting(TableReader reader)
    {
        if (reader.Boolean("semihosting") == true)
        {
            throw new ManifestException(reader.Find("semihosting")!.Value.Location, reader.FieldOf("semihosting"),
                "the kernel serves no semihosting to containers yet (they write with console_write); leave it false");
        }
    }

    private static uint ReadAffinity(TableReader reader, int cores)
    {
        if (reader.Array("affinity") is not { } array)
        {
            return 0;
        }
        string field = reader.FieldOf("affinity");
        if (array.Items.Count == 0)
        {
            throw new ManifestException(array.Location, field, "is empty: leave affinity out to let the pager run on any core");
        }
        uint mask = 0;
        for (int i = 0; i < array.Items.Count; i++)
        {
            TomlNode item = array.Items[i];
            long core = TableReader.ExpectScalar(item, $"{field}[{i}]", TomlScalarKind.Integer, "an integer core number").Integer;
            if (core < 0 || core >= cores)
            {
                throw new ManifestException(item.Location, $"{field}[{i}]",
                    $"core {core} does not exist: the run has {cores} core{(cores == 1 ? "" : "s")} (0-{cores - 1})");
            }
            if ((mask & (1u << (int)core)) != 0)
            {
                throw new ManifestException(item.Location, $"{field}[{i}]", $"core {core} is listed twice");
            }
            mask |= 1u << (int)core;
        }
        return mask;
    }

    private static PoolSizes ReadPools(TableReader reader, ContainerDraft draft)
    {
        if (reader.SubTable("pools", "threads", "spaces", "mutexes", "map_pages", "caps") is not { } pools)
        {
            return new PoolSizes();
        }
        foreach (TomlEntry entry in pools.Table.Entries)
        {
            draft.PoolLocations[entry.Key] = entry.Value.Location;
        }
        return new PoolSizes
        {
            Threads = (int)(pools.Integer("threads", 1, PoolSizes.MaxPool) ?? PoolSizes.DefaultThreads),
            Spaces = (int)(pools.Integer("spaces", 1, PoolSizes.MaxPool) ?? PoolSizes.DefaultSpaces),
            Mutexes = (int)(pools.Integer("mutexes", 0, PoolSizes.MaxPool) ?? PoolSizes.DefaultMutexes),
            MapPages = (int)(pools.Integer("map_pages", 0, PoolSizes.MaxPool) ?? PoolSizes.DefaultMapPages),
            Caps = (int)(pools.Integer("caps", 0, PoolSizes.MaxPool) ?? PoolSizes.DefaultCaps),
        };
    }

    private static void ReadMemory(TableReader reader, ContainerDraft draft)
    {
        TomlEntry? memory = reader.Find("memory");
        TomlEntry? physical = reader.Find("physical");
        if (memory is not null && physical is not null)
        {
            TomlEntry second = Later(memory, physical);
            throw new ManifestException(second.KeyLocation, reader.FieldOf(second.Key),
                "give memory (placed by the loader) or physical (explicit regions), not both");
        }
        if (physical is null)
        {
            uint size = memory is null ? DefaultMemory : TableReader.Size(memory.Value, reader.FieldOf("memory"));
            draft.AutoMemory = new Located<uint>(size, memory?.Value.Location ?? reader.Location, reader.FieldOf("memory"));
            return;
        }
        foreach (Located<MemoryRegion> region in Regions(reader, "physical"))
        {
            draft.Physical.Add(region);
        }
    }

    private static void ReadVirtual(TableReader reader, ContainerDraft draft)
    {
        if (reader.Find("virtual") is null)
        {
            draft.Virtual.Add(new MemoryRegion(UserBase, (uint)(UserEnd - UserBase)));
            return;
        }
        var regions = Regions(reader, "virtual");
        for (int i = 0; i < regions.Count; i++)
        {
            Located<MemoryRegion> region = regions[i];
            if (region.Value.Base < UserBase || region.Value.End > UserEnd)
            {
                throw new ManifestException(region.Location, region.Field,
                    $"{region.Value} is outside the user half ({Sizes.Range(UserBase, UserEnd)})");
            }
            for (int j = 0; j < i; j++)
            {
                if (region.Value.Overlaps(regions[j].Value))
                {
                    throw new ManifestException(region.Location, region.Field,
                        $"{region.Value} overlaps virtual[{j}] ({regions[j].Value})");
                }
            }
            draft.Virtual.Add(region.Value);
        }
        draft.Virtual.Sort((a, b) => a.Base.CompareTo(b.Base));
        CheckVirtualCoversImage(reader, draft);
    }

    private static void ReadEntry(TableReader reader, ContainerDraft draft)
    {
        if (reader.Find("entry") is not { } entry)
        {
            CheckEntryInCode(draft, draft.Image.Entry, draft.ImageLocation, reader.FieldOf("image"), $"{draft.ImagePath}: its ELF entry point ");
            return;
        }
        string field = reader.FieldOf("entry");
        long value = TableReader.ExpectScalar(entry.Value, field, TomlScalarKind.Integer, "an integer address").Integer;
        bool inside = false;
        foreach (MemoryRegion region in draft.Virtual)
        {
            inside |= value >= region.Base && (ulong)value < region.End;
        }
        if (!inside)
        {
            throw new ManifestException(entry.Value.Location, field,
                $"0x{value:X8} is outside the container's virtual memory ({string.Join(", ", draft.Virtual)})");
        }
        CheckEntryInCode(draft, (uint)value, entry.Value.Location, field, "");
        draft.Entry = (uint)value;
    }

    private static void ReadIpc(TableReader reader, ContainerDraft draft)
    {
        if (reader.Array("ipc") is not { } array)
        {
            return;
        }
        foreach ((TomlTableNode table, int i) in TableReader.Tables(array, reader.FieldOf("ipc")))
        {
            var ipc = new TableReader(table, reader.FieldOf($"ipc[{i}]"), "to", "pager_only", "rights");
            TomlEntry to = ipc.Find("to") ?? throw ipc.Missing("to", "the name of the container the cap targets");
            string toName = TableReader.ExpectString(to.Value, ipc.FieldOf("to")).Text;
            var grant = new IpcGrant
            {
                To = toName,
                PagerOnly = ipc.Boolean("pager_only") ?? false,
                Rights = ipc.Rights("rights", RightNames.Ipc, allowEmpty: false) ?? RightNames.IpcDefault,
                Location = table.Location,
            };
            draft.Ipc.Add(new Located<IpcGrant>(grant, to.Value.Location, ipc.FieldOf("to")));
        }
    }

    private static void ReadDevices(TableReader reader, ContainerDraft draft)
    {
        if (reader.Array("device") is not { } array)
        {
            return;
        }
        var names = new List<string>();
        foreach (BoardDevice known in BoardDevice.VexpressA9)
        {
            names.Add(known.Name);
        }
        foreach ((TomlTableNode table, int i) in TableReader.Tables(array, reader.FieldOf("device")))
        {
            var device = new TableReader(table, reader.FieldOf($"device[{i}]"), "name");
            TomlEntry nameEntry = device.Find("name") ?? throw device.Missing("name", "a device of the board: " + string.Join(", ", names));
            string field = device.FieldOf("name");
            string name = TableReader.ExpectString(nameEntry.Value, field).Text;
            BoardDevice found = BoardDevice.Find(name)
                ?? throw new ManifestException(nameEntry.Value.Location, field,
                    $"the board has no device '{name}'{Suggestions.DidYouMean(name, names)} (devices: {string.Join(", ", names)})");
            foreach ((Located<BoardDevice> earlier, _) in draft.Devices)
            {
                if (earlier.Value == found)
                {
                    throw new ManifestException(nameEntry.Value.Location, field, $"'{name}' is listed twice ({earlier.Field})");
                }
            }
            draft.Devices.Add((new Located<BoardDevice>(found, nameEntry.Value.Location, field), table.Location));
        }
    }

    private static void ReadRights(TableReader reader, ContainerDraft draft)
    {
        TableReader? rights = reader.SubTable("rights", RightNames.ThreadControl.Field, RightNames.ExchangeRegisters.Field,
            RightNames.CapabilityControl.Field, RightNames.Mutex.Field);
        draft.ThreadControlRights = Rights(rights, RightNames.ThreadControl);
        draft.ExchangeRegistersRights = Rights(rights, RightNames.ExchangeRegisters);
        draft.CapabilityControlRights = Rights(rights, RightNames.CapabilityControl);
        draft.MutexRights = Rights(rights, RightNames.Mutex);
    }

    private static uint Rights(TableReader? rights, RightNames names)
        => rights?.Rights(names.Field, names, allowEmpty: true) ?? names.All;

    /// <summary>An array of { base, size } tables, each checked alone (alignment, size).</summary>
    private static List<Located<MemoryRegion>> Regions(TableReader reader, string key)
    {
        string field = reader.FieldOf(key);
        TomlArrayNode array = reader.Array(key)!;
        if (array.Items.Count == 0)
        {
            throw new ManifestException(array.Location, field, "is empty: give at least one { base, size } region");
        }
        var regions = new List<Located<MemoryRegion>>();
        foreach ((TomlTableNode table, int i) in TableReader.Tables(array, field))
        {
            var region = new TableReader(table, $"{field}[{i}]", "base", "size");
            uint regionBase = region.PageAddress("base") ?? throw region.Missing("base", "the region's first address");
            uint size = region.Size("size") ?? throw region.Missing("size", "the region's size in bytes, or a string like \"8MiB\"");
            if ((ulong)regionBase + size > 1UL << 32)
            {
                throw new ManifestException(table.Location, region.Field,
                    $"0x{regionBase:X8} + {Sizes.Format(size)} goes past the 4 GiB address space");
            }
            regions.Add(new Located<MemoryRegion>(new MemoryRegion(regionBase, size), table.Location, region.Field));
        }
        return regions;
    }

    private static TomlEntry Later(TomlEntry a, TomlEntry b)
        => (a.KeyLocation.Line, a.KeyLocation.Column).CompareTo((b.KeyLocation.Line, b.KeyLocation.Column)) > 0 ? a : b;
}
