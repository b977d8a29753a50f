// The kernel's share of board RAM, carved at boot: a bump allocator that places every kernel pool.
using System;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Kernel.Memory;

/// <summary>
/// A physically contiguous range of board RAM that belongs to the kernel. Pools and tables are carved
/// from it once, at boot, in order; nothing is ever returned, so the kernel's memory use is fixed and
/// visible in the board's RAM, as ARCHITECTURE.md asks.
/// </summary>
public sealed unsafe class KernelRegion
{
    private readonly PhysicalMemoryMap _memory;
    private uint _next;

    public KernelRegion(PhysicalMemoryMap memory, uint start, uint size)
    {
        if (!memory.IsRam(start, size) || (start & 0xFFF) != 0)
        {
            throw new ArgumentException($"kernel region 0x{start:X8}+0x{size:X} must be page-aligned RAM");
        }
        _memory = memory;
        Start = start;
        Size = size;
        _next = start;
    }

    public uint Start { get; }

    public uint Size { get; }

    /// <summary>Bytes not yet carved.</summary>
    public uint Free => Start + Size - _next;

    /// <summary>Carves <paramref name="bytes"/> zeroed bytes aligned to <paramref name="alignment"/> (a power of two); boot time only.</summary>
    public uint Carve(uint bytes, uint alignment = 8)
    {
        uint address = (_next + alignment - 1) & ~(alignment - 1);
        if (bytes > Start + Size - address)
        {
            throw new InvalidOperationException($"kernel region exhausted: 0x{bytes:X} bytes wanted, 0x{Free:X} left");
        }
        _next = address + bytes;
        new Span<byte>(_memory.HostPointer(address), (int)bytes).Clear();
        return address;
    }

    /// <summary>Host pointer of a kernel address inside the region.</summary>
    public byte* Host(uint address) => _memory.HostPointer(address);
}
