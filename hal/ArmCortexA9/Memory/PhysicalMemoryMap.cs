// The board's physical address space: RAM (with its low alias) and memory-mapped device blocks.
using System;
using System.Runtime.InteropServices;

namespace Codezero.Hal.ArmCortexA9.Memory;

/// <summary>
/// Physical memory of the vexpress-a9 board. RAM sits at <see cref="RamBase"/>, and its first 64 MiB
/// also appear at address 0. Devices occupy fixed windows. Any other physical address is unmapped:
/// an access to it is a synchronous external abort, as on silicon (QEMU instead reads 0 there).
/// </summary>
public sealed unsafe class PhysicalMemoryMap : IDisposable
{
    public const uint RamBase = 0x6000_0000;
    public const uint LowAliasSize = 64u << 20;

    private readonly byte* _ram;
    private readonly uint _lowAliasSize;
    private readonly uint[] _deviceBase = new uint[16];
    private readonly IMmioDevice[] _devices = new IMmioDevice[16];
    private int _deviceCount;

    public PhysicalMemoryMap(uint ramSize)
    {
        if (ramSize == 0 || (ramSize & 0xFFF) != 0 || ramSize > (1u << 30))
        {
            throw new ArgumentOutOfRangeException(nameof(ramSize), "RAM size must be a multiple of 4 KiB, at most 1 GiB.");
        }
        RamSize = ramSize;
        _ram = (byte*)NativeMemory.AlignedAlloc(ramSize, 4096);
        NativeMemory.Clear(_ram, ramSize);
        _lowAliasSize = Math.Min(ramSize, LowAliasSize);
    }

    /// <summary>The decoded-code cache to keep coherent with writes made through this map (set by the board).</summary>
    internal CodeCache? Code { get; set; }

    /// <summary>Bytes of RAM.</summary>
    public uint RamSize { get; }

    /// <summary>Host address of RAM offset 0.</summary>
    public byte* Ram => _ram;

    /// <summary>Number of 4 KiB RAM pages.</summary>
    public uint RamPages => RamSize >> 12;

    /// <summary>Adds a device window; called while the board is built.</summary>
    public void AddDevice(uint physicalBase, IMmioDevice device)
    {
        _deviceBase[_deviceCount] = physicalBase;
        _devices[_deviceCount] = device;
        _deviceCount++;
    }

    /// <summary>Offset into RAM of a physical address, or -1 when the address is not RAM.</summary>
    public long RamOffset(uint physical)
    {
        uint fromBase = physical - RamBase;
        if (fromBase < RamSize)
        {
            return fromBase;
        }
        if (physical < _lowAliasSize)
        {
            return physical;
        }
        return -1;
    }

    /// <summary>True when the range [physical, physical+length) lies wholly in RAM.</summary>
    public bool IsRam(uint physical, uint length)
    {
        long start = RamOffset(physical);
        return start >= 0 && length <= RamSize && RamOffset(physical + length - 1) == start + length - 1;
    }

    /// <summary>Host pointer of a RAM physical address, or null.</summary>
    public byte* HostPointer(uint physical)
    {
        long offset = RamOffset(physical);
        return offset < 0 ? null : _ram + offset;
    }

    /// <summary>Reads a device register; false when no device decodes the address (external abort).</summary>
    public bool ReadDevice(int core, uint physical, int size, out uint value)
    {
        for (int i = 0; i < _deviceCount; i++)
        {
            uint offset = physical - _deviceBase[i];
            if (offset < _devices[i].Size)
            {
                return _devices[i].Read(core, offset, size, out value);
            }
        }
        value = 0;
        return false;
    }

    /// <summary>Writes a device register; false when no device decodes the address (external abort).</summary>
    public bool WriteDevice(int core, uint physical, int size, uint value)
    {
        for (int i = 0; i < _deviceCount; i++)
        {
            uint offset = physical - _deviceBase[i];
            if (offset < _devices[i].Size)
            {
                return _devices[i].Write(core, offset, size, value);
            }
        }
        return false;
    }

    /// <summary>Copies bytes into RAM (ELF loading, the kernel, tests), keeping decoded code coherent. The range must be RAM.</summary>
    public void WritePhysical(uint physical, ReadOnlySpan<byte> data)
    {
        if (!IsRam(physical, (uint)Math.Max(1, data.Length)))
        {
            throw new ArgumentOutOfRangeException(nameof(physical), $"0x{physical:X8}+{data.Length} is not RAM");
        }
        data.CopyTo(new Span<byte>(HostPointer(physical), data.Length));
        if (data.Length > 0)
        {
            Code?.OnWrite((uint)RamOffset(physical), data.Length);
        }
    }

    /// <summary>Copies bytes out of RAM. The range must be RAM.</summary>
    public void ReadPhysical(uint physical, Span<byte> data)
    {
        if (!IsRam(physical, (uint)Math.Max(1, data.Length)))
        {
            throw new ArgumentOutOfRangeException(nameof(physical), $"0x{physical:X8}+{data.Length} is not RAM");
        }
        new ReadOnlySpan<byte>(HostPointer(physical), data.Length).CopyTo(data);
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_ram);
    }
}
