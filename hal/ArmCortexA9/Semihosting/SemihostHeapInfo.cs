// The four words SYS_HEAPINFO returns, computed the way QEMU 7.2 system mode does for a loaded image.
using System;

namespace Codezero.Hal.ArmCortexA9.Semihosting;

/// <summary>
/// Heap and stack bounds reported to the guest by SYS_HEAPINFO. newlib's rdimon crt0 takes its
/// initial stack pointer from <see cref="StackBase"/> and its heap limit from <see cref="HeapLimit"/>,
/// so these must match QEMU's to give the same memory layout.
/// </summary>
public readonly record struct SemihostHeapInfo(uint HeapBase, uint HeapLimit, uint StackBase, uint StackLimit)
{
    /// <summary>
    /// QEMU's rule (semihosting/arm-compat-semi.c with hw/core/loader.c rom_find_largest_gap_between):
    /// take the largest gap in RAM not covered by a loaded segment (address to address + memsz), the
    /// lowest such gap on a tie; report it as {base, end, end, base}. With nothing loaded that is the
    /// whole of RAM. For a newlib program linked at 0x60010000 on 128 MiB this is
    /// {end of .bss, 0x68000000, 0x68000000, end of .bss}.
    /// </summary>
    public static SemihostHeapInfo ForLoadedImage(uint ramBase, uint ramSize, ReadOnlySpan<(uint Start, uint Length)> loaded)
    {
        ulong regionEnd = (ulong)ramBase + ramSize;
        // Events: (address, +1) where a segment starts, (address, -1) where one ends; sentinel at the end of RAM.
        Span<ulong> addresses = stackalloc ulong[loaded.Length * 2 + 1];
        Span<int> kinds = stackalloc int[loaded.Length * 2 + 1];
        int n = 0;
        foreach ((uint start, uint length) in loaded)
        {
            ulong end = (ulong)start + length;
            if (length == 0 || end <= ramBase || start >= regionEnd)
            {
                continue;
            }
            addresses[n] = Math.Max(start, ramBase);
            kinds[n++] = 1;
            if (end < regionEnd)
            {
                addresses[n] = end;
                kinds[n++] = -1;
            }
        }
        addresses[n] = regionEnd;
        kinds[n++] = 1;
        SortEvents(addresses[..n], kinds[..n]);

        ulong gapStart = ramBase;
        ulong bestBase = 0;
        ulong bestSize = 0;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            if (count == 0 && count + kinds[i] == 1)
            {
                ulong gap = addresses[i] - gapStart;
                if (gap > bestSize)
                {
                    bestBase = gapStart;
                    bestSize = gap;
                }
            }
            else if (count == 1 && count + kinds[i] == 0)
            {
                gapStart = addresses[i];
            }
            count += kinds[i];
        }
        uint heapBase = (uint)bestBase;
        uint heapLimit = (uint)(bestBase + bestSize);
        return new SemihostHeapInfo(heapBase, heapLimit, heapLimit, heapBase);
    }

    // Insertion sort by address, then kind (an end before a start at the same address), as QEMU's sort_secs.
    private static void SortEvents(Span<ulong> addresses, Span<int> kinds)
    {
        for (int i = 1; i < addresses.Length; i++)
        {
            ulong a = addresses[i];
            int k = kinds[i];
            int j = i - 1;
            while (j >= 0 && (addresses[j] > a || (addresses[j] == a && kinds[j] > k)))
            {
                addresses[j + 1] = addresses[j];
                kinds[j + 1] = kinds[j];
                j--;
            }
            addresses[j + 1] = a;
            kinds[j + 1] = k;
        }
    }
}
