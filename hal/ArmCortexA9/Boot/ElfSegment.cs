// One PT_LOAD segment of an ELF image: where it goes, its file bytes and its size in memory.
using System;

namespace Codezero.Hal.ArmCortexA9.Boot;

/// <summary>A loadable segment. Bytes past <see cref="Data"/> up to <see cref="MemorySize"/> are zero (.bss).</summary>
public readonly struct ElfSegment
{
    public ElfSegment(int index, uint physicalAddress, uint virtualAddress, ReadOnlyMemory<byte> data, uint memorySize, uint flags)
    {
        Index = index;
        PhysicalAddress = physicalAddress;
        VirtualAddress = virtualAddress;
        Data = data;
        MemorySize = memorySize;
        Flags = flags;
    }

    /// <summary>Position of the segment's program header in the file (for messages).</summary>
    public int Index { get; }

    /// <summary>p_paddr: where QEMU's loader (and ours) places the segment.</summary>
    public uint PhysicalAddress { get; }

    /// <summary>p_vaddr: where the program expects to see it once an MMU is on.</summary>
    public uint VirtualAddress { get; }

    /// <summary>The p_filesz bytes from the file.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>p_memsz: the segment's size in memory, at least <see cref="Data"/>'s length.</summary>
    public uint MemorySize { get; }

    /// <summary>p_flags: PF_X = 1, PF_W = 2, PF_R = 4.</summary>
    public uint Flags { get; }
}
