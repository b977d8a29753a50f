// The user half of an address space as real ARMv7 short-descriptor tables in board RAM: map, unmap, look up.
using System;
using System.Diagnostics;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Kernel.Mm;

/// <summary>
/// Every address space owns the user half of the address map, VA 0 to 0x7FFFFFFF, through TTBR0 with
/// TTBCR.N = 1: an 8 KiB first-level table of 2048 entries. The upper half (TTBR1) is shared by all
/// spaces and holds what the kernel exposes to every thread. Second-level tables are 1 KiB; one frame
/// holds the four that cover an aligned group of 4 MiB, so a dense mapping wastes nothing, and the
/// frame is freed when the last of its four tables empties.
/// User pages are small pages in domain 0, not global (nG: tagged with the space's ASID), shareable,
/// Normal write-back memory, or Device memory for IO, and execute-never unless mapped executable.
/// Map and unmap first check the whole range and change nothing when any page fails (decode, then
/// invoke), so a failed call never leaves half a mapping behind.
/// </summary>
public static unsafe class UserPageTables
{
    public const uint UserTop = 0x8000_0000;
    public const uint PageSize = 4096;

    /// <summary>TTBCR value the kernel runs with: N = 1, so TTBR0 translates the user half.</summary>
    public const uint Ttbcr = 1;

    private const int L1Entries = 2048;
    private const uint SmallPage = 2;
    private const uint NotGlobal = 1u << 11;
    private const uint Shareable = 1u << 10;
    private const uint ApReadOnly = (1u << 9) | (3u << 4);   // AP[2:0] = 111: read-only at PL1 and PL0
    private const uint ApReadWrite = 3u << 4;                // AP[2:0] = 011: read/write at PL1 and PL0
    private const uint NormalWriteBack = (1u << 6) | (1u << 3) | (1u << 2); // TEX = 001, C = 1, B = 1
    private const uint SharedDevice = 1u << 2;                              // TEX = 000, C = 0, B = 1
    private const uint ExecuteNever = 1;

    /// <summary>Allocates an empty first-level table (8 KiB, 8 KiB aligned) for a new space.</summary>
    public static MmStatus Create(PhysicalFrameAllocator frames, out uint l1)
        => frames.TryAllocateContiguous(2, 2, out l1) ? MmStatus.Ok : MmStatus.OutOfMemory;

    /// <summary>Frees every table of a space (the mapped frames themselves belong to their owners).</summary>
    public static void Destroy(PhysicalMemoryMap memory, PhysicalFrameAllocator frames, uint l1)
    {
        uint* table = Table(memory, l1);
        for (int group = 0; group < L1Entries; group += 4)
        {
            uint frame = GroupFrame(table, group);
            if (frame != 0)
            {
                frames.Free(frame);
            }
        }
        frames.Free(l1, 2);
    }

    /// <summary>Maps <paramref name="pages"/> pages at <paramref name="va"/> to physical <paramref name="pa"/> onwards.</summary>
    public static MmStatus Map(PhysicalMemoryMap memory, PhysicalFrameAllocator frames, uint l1,
        uint va, uint pa, uint pages, MapFlags flags)
    {
        MmStatus status = CheckMap(memory, frames, l1, va, pa, pages, flags);
        if (status != MmStatus.Ok)
        {
            return status;
        }

        // Invoke: commit page by page; frames for new groups come from the allocator checked above.
        uint* table = Table(memory, l1);
        uint attributes = SmallPage | NotGlobal | Descriptor(flags);
        for (uint i = 0; i < pages; i++)
        {
            uint v = va + i * PageSize;
            int index = (int)(v >> 20);
            int group = index & ~3;
            uint frame = GroupFrame(table, group);
            if (frame == 0)
            {
                bool allocated = frames.TryAllocate(out frame);
                Debug.Assert(allocated, "the decode step counted the frames this needs");
            }
            if ((table[index] & 3) != 1)
            {
                table[index] = (frame + (uint)(index & 3) * 1024) | 1; // page table, domain 0
            }
            *L2Pointer(memory, frame, index, v) = ((pa + i * PageSize) & 0xFFFF_F000) | attributes;
        }
        return MmStatus.Ok;
    }

    /// <summary>The decode half of <see cref="Map"/>: what it would return, changing nothing.</summary>
    public static MmStatus CheckMap(PhysicalMemoryMap memory, PhysicalFrameAllocator frames, uint l1,
        uint va, uint pa, uint pages, MapFlags flags)
        => CheckMap(memory, frames, l1, va, pa, pages, flags, out _);

    /// <summary>The decode half of <see cref="Map"/>, and how many table frames it would take.</summary>
    public static MmStatus CheckMap(PhysicalMemoryMap memory, PhysicalFrameAllocator frames, uint l1,
        uint va, uint pa, uint pages, MapFlags flags, out int tableFrames)
    {
        tableFrames = 0;
        // Decode: check everything and count the table frames needed; change nothing.
        if (!ValidRange(va, pages) || (pa & (PageSize - 1)) != 0 || (ulong)pa + (ulong)pages * PageSize > 1UL << 32 || !ValidFlags(flags))
        {
            return MmStatus.InvalidArgument;
        }
        uint* table = Table(memory, l1);
        int newFrames = 0;
        int lastGroupCounted = -1;
        for (uint i = 0; i < pages; i++)
        {
            uint v = va + i * PageSize;
            int index = (int)(v >> 20);
            int group = index & ~3;
            uint frame = GroupFrame(table, group);
            if (frame == 0)
            {
                if (group != lastGroupCounted)
                {
                    newFrames++;
                    lastGroupCounted = group;
                }
                continue;
            }
            if ((table[index] & 3) == 1 && L2Entry(memory, frame, index, v) != 0)
            {
                return MmStatus.AlreadyMapped;
            }
        }
        tableFrames = newFrames;
        return newFrames > frames.FreeFrames ? MmStatus.OutOfMemory : MmStatus.Ok;
    }

    /// <summary>Removes the mappings of <paramref name="pages"/> pages at <paramref name="va"/>; all must be mapped.</summary>
    public static MmStatus Unmap(PhysicalMemoryMap memory, PhysicalFrameAllocator frames, uint l1, uint va, uint pages)
    {
        MmStatus status = CheckUnmap(memory, l1, va, pages);
        if (status != MmStatus.Ok)
        {
            return status;
        }
        uint* table = Table(memory, l1);
        for (uint i = 0; i < pages; i++)
        {
            uint v = va + i * PageSize;
            int index = (int)(v >> 20);
            uint frame = table[index] & 0xFFFF_F000;
            *L2Pointer(memory, frame, index, v) = 0;
            ReleaseEmptyTables(memory, frames, table, index, frame);
        }
        return MmStatus.Ok;
    }

    /// <summary>The decode half of <see cref="Unmap"/>: what it would return, changing nothing.</summary>
    public static MmStatus CheckUnmap(PhysicalMemoryMap memory, uint l1, uint va, uint pages)
    {
        if (!ValidRange(va, pages))
        {
            return MmStatus.InvalidArgument;
        }
        uint* table = Table(memory, l1);
        for (uint i = 0; i < pages; i++)
        {
            uint v = va + i * PageSize;
            int index = (int)(v >> 20);
            if ((table[index] & 3) != 1 || L2Entry(memory, table[index] & 0xFFFF_F000, index, v) == 0)
            {
                return MmStatus.NotMapped;
            }
        }
        return MmStatus.Ok;
    }

    /// <summary>
    /// Gives the empty space <paramref name="destinationL1"/> every mapping of <paramref name="sourceL1"/>:
    /// the same frames with the same rights (a fork-like copy; the pager decides about sharing). Checks
    /// first that enough frames are free for the second-level tables, and changes nothing when not.
    /// </summary>
    public static MmStatus Copy(PhysicalMemoryMap memory, PhysicalFrameAllocator frames, uint sourceL1, uint destinationL1)
    {
        uint* source = Table(memory, sourceL1);
        uint* destination = Table(memory, destinationL1);
        int needed = 0;
        for (int group = 0; group < L1Entries; group += 4)
        {
            if (GroupFrame(source, group) != 0)
            {
                needed++;
            }
        }
        if (needed > frames.FreeFrames)
        {
            return MmStatus.OutOfMemory;
        }
        for (int group = 0; group < L1Entries; group += 4)
        {
            uint frame = GroupFrame(source, group);
            if (frame == 0)
            {
                continue;
            }
            frames.TryAllocate(out uint copy);
            Buffer.MemoryCopy(memory.HostPointer(frame), memory.HostPointer(copy), PageSize, PageSize);
            for (int i = group; i < group + 4; i++)
            {
                destination[i] = (source[i] & 3) == 1 ? (copy + (uint)(i & 3) * 1024) | (source[i] & 0x3FF) : 0;
            }
        }
        return MmStatus.Ok;
    }

    /// <summary>Software walk of the user half: the physical address a user virtual address maps to.</summary>
    public static bool TryLookup(PhysicalMemoryMap memory, uint l1, uint va, out uint pa, out MapFlags flags)
    {
        pa = 0;
        flags = MapFlags.None;
        if (va >= UserTop)
        {
            return false;
        }
        uint* table = Table(memory, l1);
        int index = (int)(va >> 20);
        if ((table[index] & 3) != 1)
        {
            return false;
        }
        uint entry = L2Entry(memory, table[index] & 0xFFFF_F000, index, va);
        if ((entry & 2) == 0)
        {
            return false;
        }
        pa = (entry & 0xFFFF_F000) | (va & 0xFFF);
        flags = MapFlags.Read
              | ((entry & (1u << 9)) == 0 ? MapFlags.Write : 0)
              | ((entry & ExecuteNever) == 0 ? MapFlags.Execute : 0)
              | ((entry & (7u << 6 | 3u << 2)) == SharedDevice ? MapFlags.Device : 0);
        return true;
    }

    /// <summary>True when the first-level entry covering <paramref name="va"/> points at a second-level table.</summary>
    public static bool HasSecondLevel(PhysicalMemoryMap memory, uint l1, uint va)
        => va < UserTop && (Table(memory, l1)[(int)(va >> 20)] & 3) == 1;

    private static bool ValidRange(uint va, uint pages)
        => (va & (PageSize - 1)) == 0 && pages != 0 && pages <= UserTop / PageSize && (ulong)va + (ulong)pages * PageSize <= UserTop;

    private static bool ValidFlags(MapFlags flags)
        => (flags & MapFlags.Read) != 0 && (flags & ~(MapFlags.Read | MapFlags.Write | MapFlags.Execute | MapFlags.Device)) == 0
           && (flags & (MapFlags.Device | MapFlags.Execute)) != (MapFlags.Device | MapFlags.Execute);

    private static uint Descriptor(MapFlags flags)
    {
        uint d = (flags & MapFlags.Write) != 0 ? ApReadWrite : ApReadOnly;
        d |= (flags & MapFlags.Device) != 0 ? SharedDevice : NormalWriteBack | Shareable;
        if ((flags & MapFlags.Execute) == 0)
        {
            d |= ExecuteNever;
        }
        return d;
    }

    private static uint* Table(PhysicalMemoryMap memory, uint l1) => (uint*)memory.HostPointer(l1);

    /// <summary>The frame holding the second-level tables of an aligned group of four first-level entries, or 0.</summary>
    private static uint GroupFrame(uint* table, int group)
    {
        for (int i = group; i < group + 4; i++)
        {
            if ((table[i] & 3) == 1)
            {
                return table[i] & 0xFFFF_F000;
            }
        }
        return 0;
    }

    private static uint* L2Pointer(PhysicalMemoryMap memory, uint frame, int index, uint va)
        => (uint*)memory.HostPointer(frame + (uint)(index & 3) * 1024) + ((va >> 12) & 0xFF);

    private static uint L2Entry(PhysicalMemoryMap memory, uint frame, int index, uint va) => *L2Pointer(memory, frame, index, va);

    /// <summary>After an unmap: drops an empty second-level table's L1 entry, and the group's frame when all four are empty.</summary>
    private static void ReleaseEmptyTables(PhysicalMemoryMap memory, PhysicalFrameAllocator frames, uint* table, int index, uint frame)
    {
        if (!Empty((uint*)memory.HostPointer(frame + (uint)(index & 3) * 1024)))
        {
            return;
        }
        table[index] = 0;
        int group = index & ~3;
        for (int i = group; i < group + 4; i++)
        {
            if ((table[i] & 3) == 1)
            {
                return;
            }
        }
        frames.Free(frame);
    }

    private static bool Empty(uint* l2)
    {
        for (int i = 0; i < 256; i++)
        {
            if (l2[i] != 0)
            {
                return false;
            }
        }
        return true;
    }
}
