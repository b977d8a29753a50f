// Kernel access to user memory: copies through a space's own page tables that refuse, never fault.
using Codezero.Hal.ArmCortexA9.Memory;
using System;

namespace Codezero.Kernel.Mm;

/// <summary>
/// The kernel reads and writes a thread's memory (IPC buffers, UTCBs, syscall arguments) by walking
/// that thread's space in software, page by page, with the permissions the user has: a copy-in needs
/// readable pages, a copy-out writable ones, and device (IO) pages are never touched. Any page that
/// fails makes the whole call return false: a hostile pointer gets an error code, never a kernel fault.
/// A copy-out checks every page before writing any, so a refused copy-out changes nothing.
/// </summary>
public static unsafe class UserMemory
{
    /// <summary>Copies user bytes at <paramref name="va"/> into <paramref name="destination"/>.</summary>
    public static bool TryCopyIn(PhysicalMemoryMap memory, uint l1, uint va, Span<byte> destination)
    {
        if (!RangeAllowed(memory, l1, va, (uint)destination.Length, MapFlags.Read))
        {
            return false;
        }
        int done = 0;
        while (done < destination.Length)
        {
            uint address = va + (uint)done;
            UserPageTables.TryLookup(memory, l1, address, out uint pa, out _);
            int chunk = Math.Min(destination.Length - done, (int)(UserPageTables.PageSize - (address & 0xFFF)));
            new ReadOnlySpan<byte>(memory.HostPointer(pa), chunk).CopyTo(destination.Slice(done, chunk));
            done += chunk;
        }
        return true;
    }

    /// <summary>Copies <paramref name="source"/> to user memory at <paramref name="va"/>.</summary>
    public static bool TryCopyOut(PhysicalMemoryMap memory, uint l1, uint va, ReadOnlySpan<byte> source)
    {
        if (!RangeAllowed(memory, l1, va, (uint)source.Length, MapFlags.Write))
        {
            return false;
        }
        int done = 0;
        while (done < source.Length)
        {
            uint address = va + (uint)done;
            UserPageTables.TryLookup(memory, l1, address, out uint pa, out _);
            int chunk = Math.Min(source.Length - done, (int)(UserPageTables.PageSize - (address & 0xFFF)));
            // Through WritePhysical so that a copy into a page holding code keeps decoded code coherent.
            memory.WritePhysical(pa, source.Slice(done, chunk));
            done += chunk;
        }
        return true;
    }

    /// <summary>
    /// Finds the first page of [va, va+length) a user access with <paramref name="needed"/> would fault
    /// on: false when there is none. Otherwise <paramref name="address"/> is the first byte that faults
    /// (va itself when it lies in the page) and <paramref name="status"/> the short-descriptor fault
    /// status an MMU would report: 0x005 section translation (no second-level table), 0x007 page
    /// translation, 0x00F page permission (also for device pages, which the kernel never copies), with
    /// bit 11 set for a write. A range that leaves the user half is reported with status 0 (nothing a
    /// pager could map).
    /// </summary>
    public static bool FindFault(PhysicalMemoryMap memory, uint l1, uint va, uint length, MapFlags needed, out uint address, out uint status)
    {
        address = 0;
        status = 0;
        if (length == 0)
        {
            return false;
        }
        uint write = (needed & MapFlags.Write) != 0 ? 1u << 11 : 0;
        uint first = va & ~0xFFFu;
        ulong end = (ulong)va + length;
        for (ulong page = first; page < end; page += UserPageTables.PageSize)
        {
            address = page == first ? va : (uint)page;
            if (page >= UserPageTables.UserTop)
            {
                return true;
            }
            if (!UserPageTables.TryLookup(memory, l1, (uint)page, out uint pa, out MapFlags flags))
            {
                status = (UserPageTables.HasSecondLevel(memory, l1, (uint)page) ? 0x007u : 0x005u) | write;
                return true;
            }
            if ((flags & needed) != needed || (flags & MapFlags.Device) != 0 || !memory.IsRam(pa, UserPageTables.PageSize))
            {
                status = 0x00Fu | write;
                return true;
            }
        }
        return false;
    }

    /// <summary>True when every page of [va, va+length) is mapped with <paramref name="needed"/>, in RAM, not device memory.</summary>
    private static bool RangeAllowed(PhysicalMemoryMap memory, uint l1, uint va, uint length, MapFlags needed)
        => !FindFault(memory, l1, va, length, needed, out _, out _);
}
