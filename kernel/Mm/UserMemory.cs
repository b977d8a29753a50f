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

    /// <summary>True when every page of [va, va+length) is mapped with <paramref name="needed"/>, in RAM, not device memory.</summary>
    private static bool RangeAllowed(PhysicalMemoryMap memory, uint l1, uint va, uint length, MapFlags needed)
    {
        if (length == 0)
        {
            return true;
        }
        if ((ulong)va + length > UserPageTables.UserTop)
        {
            return false;
        }
        for (uint page = va & ~0xFFFu; page < va + length && page >= (va & ~0xFFFu); page += UserPageTables.PageSize)
        {
            if (!UserPageTables.TryLookup(memory, l1, page, out uint pa, out MapFlags flags)
                || (flags & needed) != needed || (flags & MapFlags.Device) != 0 || !memory.IsRam(pa, UserPageTables.PageSize))
            {
                return false;
            }
        }
        return true;
    }
}
