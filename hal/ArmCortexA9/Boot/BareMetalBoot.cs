// Boots a bare-metal ELF the way qemu-system-arm -M vexpress-a9 -kernel does for a non-Linux image.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Memory;
using Codezero.Hal.ArmCortexA9.Semihosting;

namespace Codezero.Hal.ArmCortexA9.Boot;

/// <summary>
/// Loads every PT_LOAD segment at its physical address (p_paddr, as QEMU's ELF loader does),
/// zero-fills up to p_memsz, and starts every core at the entry point in SVC mode with IRQ, FIQ and
/// asynchronous aborts masked, MMU off and all general registers zero, in Thumb state when bit 0 of the
/// entry point is set. Also gives semihosting the
/// image layout so SYS_HEAPINFO answers as QEMU does.
/// </summary>
public static unsafe class BareMetalBoot
{
    public static void Boot(Board board, ElfImage image)
    {
        PhysicalMemoryMap memory = board.Memory;
        foreach (ElfSegment segment in image.Segments)
        {
            if (!memory.IsRam(segment.PhysicalAddress, segment.MemorySize))
            {
                ulong last = (ulong)segment.PhysicalAddress + segment.MemorySize - 1;
                throw new ElfFormatException(
                    $"{image.DisplayName}: segment {segment.Index} at 0x{segment.PhysicalAddress:X8}-0x{last:X8} is not in RAM "
                    + $"(0x{PhysicalMemoryMap.RamBase:X8}-0x{PhysicalMemoryMap.RamBase + memory.RamSize - 1:X8})");
            }
        }

        Span<(uint Start, uint Length)> loaded = new (uint, uint)[image.Segments.Length];
        int n = 0;
        foreach (ElfSegment segment in image.Segments)
        {
            byte* host = memory.HostPointer(segment.PhysicalAddress);
            segment.Data.Span.CopyTo(new Span<byte>(host, segment.Data.Length));
            new Span<byte>(host + segment.Data.Length, (int)(segment.MemorySize - (uint)segment.Data.Length)).Clear();
            loaded[n++] = (segment.PhysicalAddress, segment.MemorySize);
        }
        if (board.Code.PagesDecoded > 0)
        {
            board.Code.DropAll(); // the segments were copied straight into RAM: nothing decoded before may survive
        }
        board.Semihosting.HeapInfo = SemihostHeapInfo.ForLoadedImage(PhysicalMemoryMap.RamBase, memory.RamSize, loaded);

        foreach (ArmCore core in board.Cores)
        {
            core.Reset();
            if ((image.Entry & 1) != 0)
            {
                core.WriteCpsr(core.Cpsr | Psr.T); // a Thumb entry point, as QEMU's loader starts it
            }
            core.SetPc(image.Entry & ~1u);
        }
    }
}
