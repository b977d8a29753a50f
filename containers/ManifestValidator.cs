// The checks across containers (names, IPC targets, devices, physical memory) and the placement of auto memory.
using System.Collections.Generic;

namespace Codezero.Containers;

internal static class ManifestValidator
{
    public static List<ContainerSpec> Validate(List<ContainerDraft> drafts, uint ramBase, uint ramSize, uint firstFree, string? kernelShare)
    {
        CheckNames(drafts);
        CheckKernelPools(drafts);
        var ipc = new List<List<IpcGrant>>();
        foreach (ContainerDraft draft in drafts)
        {
            ipc.Add(ResolveIpc(draft, drafts));
        }
        CheckDevices(drafts);
        var physical = PlaceMemory(drafts, ramBase, ramSize, firstFree, kernelShare);
        var specs = new List<ContainerSpec>();
        for (int i = 0; i < drafts.Count; i++)
        {
            ContainerDraft draft = drafts[i];
            var devices = new List<DeviceGrant>();
            foreach ((Located<BoardDevice> device, SourceLocation table) in draft.Devices)
            {
                devices.Add(new DeviceGrant
                {
                    Name = device.Value.Name,
                    PhysicalBase = device.Value.PhysicalBase,
                    Size = device.Value.Size,
                    Irqs = device.Value.Irqs,
                    Location = table,
                });
            }
            specs.Add(new ContainerSpec
            {
                Name = draft.Name,
                Type = draft.Type,
                ImagePath = draft.ImagePath,
                Image = draft.Image,
                Entry = draft.Entry,
                Priority = draft.Priority,
                Affinity = draft.Affinity,
                Physical = physical[i],
                Virtual = draft.Virtual,
                Pools = draft.Pools,
                Ipc = ipc[i],
                Devices = devices,
                ThreadControlRights = draft.ThreadControlRights,
                ExchangeRegistersRights = draft.ExchangeRegistersRights,
                CapabilityControlRights = draft.CapabilityControlRights,
                MutexRights = draft.MutexRights,
                Location = draft.Location,
                Index = draft.Index,
            });
        }
        return specs;
    }

    private static void CheckNames(List<ContainerDraft> drafts)
    {
        for (int i = 0; i < drafts.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (drafts[i].Name == drafts[j].Name)
                {
                    throw new ManifestException(drafts[i].NameLocation, $"container[{i}].name",
                        $"'{drafts[i].Name}' is already the name of container[{j}] ({drafts[j].NameLocation})");
                }
            }
        }
    }

    /// <summary>
    /// The kernel sizes its pools as the sums of the containers' (ManifestBoot.OptionsFor), so each sum must fit
    /// the kernel's limit: refused at the pool that crosses it (at the container's table when that pool is a default).
    /// </summary>
    private static void CheckKernelPools(List<ContainerDraft> drafts)
    {
        int threads = 0, spaces = 0, mutexes = 0, caps = ManifestBoot.KernelCaps;
        foreach (ContainerDraft draft in drafts)
        {
            threads = Add(draft, "threads", draft.Pools.Threads, threads, ManifestBoot.MaxThreads,
                "threads (the slot field of a thread id)", 0);
            spaces = Add(draft, "spaces", draft.Pools.Spaces, spaces, ManifestBoot.MaxSpaces, "address spaces", 0);
            mutexes = Add(draft, "mutexes", draft.Pools.Mutexes, mutexes, ManifestBoot.MaxContendedMutexes, "contended mutexes", 0);
            int boot = ManifestBoot.BootCaps(draft.Physical.Count == 0 ? 1 : draft.Physical.Count, draft.Virtual.Count, draft.Ipc.Count, draft.Devices.Count);
            caps = Add(draft, "caps", draft.Pools.Caps, caps, ManifestBoot.MaxCaps,
                $"caps (the index field of a cap id; its table also holds {ManifestBoot.KernelCaps} of its own and each container's boot caps)", boot);
        }
    }

    private static int Add(ContainerDraft draft, string key, int pool, int before, int limit, string what, int extra)
    {
        int total = before + pool + extra;
        if (total <= limit)
        {
            return total;
        }
        bool written = draft.PoolLocations.TryGetValue(key, out SourceLocation at);
        string others = before == 0 ? "" : $" and the {before} {(extra == 0 ? "of the containers before it" : "taken before it")}";
        string boot = extra == 0 ? "" : $" with its {extra} boot caps";
        throw new ManifestException(written ? at : draft.Location, $"{draft.Field}.pools.{key}",
            $"{pool}{(written ? "" : " (the default)")}{boot}{others} make {total}; the kernel has at most {limit} {what}");
    }

    private static List<IpcGrant> ResolveIpc(ContainerDraft draft, List<ContainerDraft> drafts)
    {
        var names = new List<string>();
        foreach (ContainerDraft other in drafts)
        {
            names.Add(other.Name);
        }
        var grants = new List<IpcGrant>();
        foreach (Located<IpcGrant> located in draft.Ipc)
        {
            IpcGrant grant = located.Value;
            int to = names.IndexOf(grant.To);
            if (to < 0)
            {
                names.Remove(draft.Name);
                throw new ManifestException(located.Location, located.Field,
                    $"no container is named '{grant.To}'{Suggestions.DidYouMean(grant.To, names)}");
            }
            if (to == draft.Index)
            {
                throw new ManifestException(located.Location, located.Field,
                    $"'{grant.To}' is this container: it needs no IPC cap to itself");
            }
            for (int j = 0; j < grants.Count; j++)
            {
                if (grants[j].ToIndex == to && grants[j].PagerOnly == grant.PagerOnly)
                {
                    throw new ManifestException(located.Location, located.Field,
                        $"a second grant to '{grant.To}'{(grant.PagerOnly ? "'s pager" : "")} (ipc[{j}] is the first): merge their rights");
                }
            }
            grants.Add(new IpcGrant
            {
                To = grant.To,
                PagerOnly = grant.PagerOnly,
                Rights = grant.Rights,
                ToIndex = to,
                Location = grant.Location,
            });
        }
        return grants;
    }

    private static void CheckDevices(List<ContainerDraft> drafts)
    {
        var owners = new Dictionary<BoardDevice, ContainerDraft>();
        foreach (ContainerDraft draft in drafts)
        {
            foreach ((Located<BoardDevice> device, _) in draft.Devices)
            {
                if (owners.TryGetValue(device.Value, out ContainerDraft? owner))
                {
                    throw new ManifestException(device.Location, device.Field,
                        $"'{device.Value.Name}' is already given to container '{owner.Name}': a device has one owner");
                }
                owners.Add(device.Value, draft);
            }
        }
    }

    /// <summary>
    /// Checks explicit regions (inside RAM, clear of the kernel's part and of each other), then packs auto
    /// memory in file order from the first MiB boundary after both the kernel's part and the highest explicit region.
    /// </summary>
    private static List<List<MemoryRegion>> PlaceMemory(List<ContainerDraft> drafts, uint ramBase, uint ramSize, uint firstFree, string? kernelShare)
    {
        ulong ramEnd = (ulong)ramBase + ramSize;
        var kernel = new MemoryRegion(ramBase, firstFree - ramBase);
        var claimed = new List<(Located<MemoryRegion> Region, ContainerDraft Owner)>();
        ulong cursor = firstFree;
        foreach (ContainerDraft draft in drafts)
        {
            foreach (Located<MemoryRegion> located in draft.Physical)
            {
                MemoryRegion region = located.Value;
                if (region.Base < ramBase || region.End > ramEnd)
                {
                    throw new ManifestException(located.Location, located.Field,
                        $"{region} is outside the board's RAM ({Sizes.Range(ramBase, ramEnd)})");
                }
                if (kernel.Size != 0 && region.Overlaps(kernel))
                {
                    throw new ManifestException(located.Location, located.Field,
                        $"{region} overlaps the kernel's part of RAM ({kernel}); containers' memory starts at 0x{firstFree:X8}");
                }
                foreach ((Located<MemoryRegion> other, ContainerDraft owner) in claimed)
                {
                    if (region.Overlaps(other.Value))
                    {
                        string local = other.Field[(owner.Field.Length + 1)..];
                        string whose = owner == draft ? local : $"container '{owner.Name}' {local}";
                        throw new ManifestException(located.Location, located.Field, $"{region} overlaps {whose} ({other.Value})");
                    }
                }
                claimed.Add((located, draft));
                cursor = System.Math.Max(cursor, region.End);
            }
        }
        var placed = new List<List<MemoryRegion>>();
        cursor = (cursor + Sizes.MiB - 1) & ~(ulong)(Sizes.MiB - 1);
        foreach (ContainerDraft draft in drafts)
        {
            var regions = new List<MemoryRegion>();
            if (draft.AutoMemory is { } memory)
            {
                ulong left = ramEnd > cursor ? ramEnd - cursor : 0;
                if (memory.Value > left)
                {
                    string rest = left == 0 ? "nothing is left" : $"{Sizes.Format(left)} left ({Sizes.Range(cursor, ramEnd)})";
                    throw new ManifestException(memory.Location, memory.Field,
                        $"{Sizes.Format(memory.Value)} asked, {rest} of the board's {Sizes.Format(ramSize)} of RAM"
                        + (kernelShare is null ? "" : $"; {kernelShare}"));
                }
                regions.Add(new MemoryRegion((uint)cursor, memory.Value));
                cursor = (cursor + memory.Value + Sizes.MiB - 1) & ~(ulong)(Sizes.MiB - 1);
            }
            foreach (Located<MemoryRegion> region in draft.Physical)
            {
                regions.Add(region.Value);
            }
            regions.Sort((a, b) => a.Base.CompareTo(b.Base));
            CheckHomeHoldsThePager(draft, regions[0]);
            placed.Add(regions);
        }
        return placed;
    }

    /// <summary>The lowest region is where the kernel puts the pager's image, 64 KiB stack and UTCB page (Kernel.CreateRootContainer).</summary>
    private static void CheckHomeHoldsThePager(ContainerDraft draft, MemoryRegion home)
    {
        ulong imagePages = 0, coveredTo = 0;
        var segments = new List<(ulong Start, ulong End)>();
        foreach (Codezero.Hal.ArmCortexA9.Boot.ElfSegment segment in draft.Image.Segments)
        {
            segments.Add((segment.VirtualAddress & ~(ulong)(Sizes.Page - 1),
                ((ulong)segment.VirtualAddress + segment.MemorySize + Sizes.Page - 1) & ~(ulong)(Sizes.Page - 1)));
        }
        segments.Sort();
        foreach ((ulong start, ulong end) in segments)
        {
            ulong from = System.Math.Max(start, coveredTo);
            if (end > from)
            {
                imagePages += (end - from) / Sizes.Page;
                coveredTo = end;
            }
        }
        ulong need = (imagePages + 1) * Sizes.Page + Kernel.Abi.UserLayout.RootStackSize;
        if (need <= home.Size)
        {
            return;
        }
        Located<MemoryRegion>? lowest = null;
        foreach (Located<MemoryRegion> region in draft.Physical)
        {
            if (region.Value.Base == home.Base)
            {
                lowest = region;
            }
        }
        (SourceLocation at, string field) = lowest is { } explicitRegion
            ? (explicitRegion.Location, explicitRegion.Field)
            : (draft.AutoMemory!.Value.Location, draft.AutoMemory.Value.Field);
        throw new ManifestException(at, field,
            $"{Sizes.Format(home.Size)} cannot hold the pager: its image ({imagePages} page{(imagePages == 1 ? "" : "s")}), "
            + $"64 KiB stack and UTCB page need {Sizes.Format(need)}{(lowest is null ? "" : " in the lowest region")}");
    }
}
