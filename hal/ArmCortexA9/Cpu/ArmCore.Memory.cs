// Loads, stores and instruction fetch: the soft-TLB fast paths and the slow paths behind them.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Decoder;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    private SoftTlb _softTlb;

    /// <summary>Drops every soft-TLB entry of this core.</summary>
    public void FlushSoftTlb() => _softTlb.FlushAll();

    internal void FlushSoftTlbWrites() => _softTlb.FlushWrites();

    internal void FlushSoftTlbFetch()
    {
        _softTlb.FlushFetch();
        StopBlock = true;
    }

    // ---- Fast paths: a hit is a tag compare and a host load/store; anything else goes to the slow path.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read32(uint va, out uint value)
    {
        uint i = (va >> 12) & SoftTlb.Mask;
        if (_softTlb.ReadTag[i] == (va & 0xFFFF_F003))
        {
            value = *(uint*)(_softTlb.ReadAddend[i] + va);
            return true;
        }
        return ReadSlow(va, 4, AccessFlags.None, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read16(uint va, out uint value)
    {
        uint i = (va >> 12) & SoftTlb.Mask;
        if (_softTlb.ReadTag[i] == (va & 0xFFFF_F001))
        {
            value = *(ushort*)(_softTlb.ReadAddend[i] + va);
            return true;
        }
        return ReadSlow(va, 2, AccessFlags.None, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read8(uint va, out uint value)
    {
        uint i = (va >> 12) & SoftTlb.Mask;
        if (_softTlb.ReadTag[i] == (va & 0xFFFF_F000))
        {
            value = *(byte*)(_softTlb.ReadAddend[i] + va);
            return true;
        }
        return ReadSlow(va, 1, AccessFlags.None, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Write32(uint va, uint value)
    {
        uint i = (va >> 12) & SoftTlb.Mask;
        if (_softTlb.WriteTag[i] == (va & 0xFFFF_F003))
        {
            *(uint*)(_softTlb.WriteAddend[i] + va) = value;
            return true;
        }
        return WriteSlow(va, 4, AccessFlags.None, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Write16(uint va, uint value)
    {
        uint i = (va >> 12) & SoftTlb.Mask;
        if (_softTlb.WriteTag[i] == (va & 0xFFFF_F001))
        {
            *(ushort*)(_softTlb.WriteAddend[i] + va) = (ushort)value;
            return true;
        }
        return WriteSlow(va, 2, AccessFlags.None, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Write8(uint va, uint value)
    {
        uint i = (va >> 12) & SoftTlb.Mask;
        if (_softTlb.WriteTag[i] == (va & 0xFFFF_F000))
        {
            *(byte*)(_softTlb.WriteAddend[i] + va) = (byte)value;
            return true;
        }
        return WriteSlow(va, 1, AccessFlags.None, value);
    }

    /// <summary>A word load that must be aligned (LDM, LDRD, RFE...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read32Aligned(uint va, out uint value)
    {
        if ((va & 3) == 0)
        {
            return Read32(va, out value);
        }
        return ReadSlow(va, 4, AccessFlags.Aligned, out value);
    }

    /// <summary>A word store that must be aligned (STM, STRD, SRS...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Write32Aligned(uint va, uint value)
    {
        if ((va & 3) == 0)
        {
            return Write32(va, value);
        }
        return WriteSlow(va, 4, AccessFlags.Aligned, value);
    }

    // ---- Slow paths.

    /// <summary>A load with explicit checks: alignment, privilege, endianness, devices, faults.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool ReadSlow(uint va, int size, AccessFlags flags, out uint value)
    {
        value = 0;
        if ((va & (uint)(size - 1)) != 0)
        {
            if ((flags & AccessFlags.Aligned) != 0 || (Sctlr & Sctlr_A) != 0)
            {
                DataAbort(va, FaultStatus.Alignment, write: false);
                return false;
            }
            uint assembled = 0;
            bool bigEndian = (Control & Psr.E) != 0;
            for (int b = 0; b < size; b++)
            {
                if (!ReadSlow(va + (uint)b, 1, flags, out uint oneByte))
                {
                    return false;
                }
                int shift = bigEndian ? 8 * (size - 1 - b) : 8 * b;
                assembled |= oneByte << shift;
            }
            value = assembled;
            return true;
        }
        if (!Translate(va, AccessKind.Read, (flags & AccessFlags.User) != 0 || IsUserMode, out uint pa, out uint fault))
        {
            DataAbort(va, fault & 0x1F, write: false, fault >> 8);
            return false;
        }
        long offset = Board.Memory.RamOffset(pa);
        if (offset >= 0)
        {
            byte* host = Board.Memory.Ram + offset;
            value = size == 4 ? *(uint*)host : size == 2 ? *(ushort*)host : *host;
            if ((Control & Psr.E) == 0)
            {
                if ((flags & AccessFlags.User) == 0)
                {
                    uint i = (va >> 12) & SoftTlb.Mask;
                    _softTlb.ReadTag[i] = va & 0xFFFF_F000;
                    _softTlb.ReadAddend[i] = (long)host - va;
                }
                return true;
            }
            value = SwapForEndianness(value, size);
            return true;
        }
        if (!Board.Memory.ReadDevice(Index, pa, size, out value))
        {
            DataAbort(va, FaultStatus.SyncExternal, write: false);
            return false;
        }
        if ((Control & Psr.E) != 0)
        {
            value = SwapForEndianness(value, size);
        }
        return true;
    }

    /// <summary>A store with explicit checks: alignment, privilege, endianness, code coherence, devices, faults.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool WriteSlow(uint va, int size, AccessFlags flags, uint value)
    {
        bool bigEndian = (Control & Psr.E) != 0;
        if ((va & (uint)(size - 1)) != 0)
        {
            if ((flags & AccessFlags.Aligned) != 0 || (Sctlr & Sctlr_A) != 0)
            {
                DataAbort(va, FaultStatus.Alignment, write: true);
                return false;
            }
            for (int b = 0; b < size; b++)
            {
                int shift = bigEndian ? 8 * (size - 1 - b) : 8 * b;
                if (!WriteSlow(va + (uint)b, 1, flags, (value >> shift) & 0xFF))
                {
                    return false;
                }
            }
            return true;
        }
        if (bigEndian)
        {
            value = SwapForEndianness(value, size);
        }
        if (!Translate(va, AccessKind.Write, (flags & AccessFlags.User) != 0 || IsUserMode, out uint pa, out uint fault))
        {
            DataAbort(va, fault & 0x1F, write: true, fault >> 8);
            return false;
        }
        long offset = Board.Memory.RamOffset(pa);
        if (offset >= 0)
        {
            byte* host = Board.Memory.Ram + offset;
            if (size == 4) { *(uint*)host = value; }
            else if (size == 2) { *(ushort*)host = (ushort)value; }
            else { *host = (byte)value; }
            uint ramPage = (uint)(offset >> 12);
            if (Board.Code.IsCode(ramPage))
            {
                Board.Code.OnWrite((uint)offset, size);
            }
            else if (!bigEndian && (flags & AccessFlags.User) == 0)
            {
                uint i = (va >> 12) & SoftTlb.Mask;
                _softTlb.WriteTag[i] = va & 0xFFFF_F000;
                _softTlb.WriteAddend[i] = (long)host - va;
            }
            return true;
        }
        if (!Board.Memory.WriteDevice(Index, pa, size, value))
        {
            DataAbort(va, FaultStatus.SyncExternal, write: true);
            return false;
        }
        return true;
    }

    private static uint SwapForEndianness(uint value, int size)
        => size == 4 ? BinaryPrimitives.ReverseEndianness(value)
         : size == 2 ? BinaryPrimitives.ReverseEndianness((ushort)value)
         : value;

    /// <summary>The ARM-decoded page holding <paramref name="pc"/>, or null after taking a prefetch abort.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal DecodedInsn* FetchPage(uint pc)
    {
        uint i = FetchSlot(pc, thumb: false);
        if (_softTlb.FetchTag[i] == (pc & 0xFFFF_F000))
        {
            return (DecodedInsn*)_softTlb.FetchPage[i];
        }
        return FetchPageSlow(pc, thumb: false);
    }

    /// <summary>The fetch-TLB entry of a page in one instruction set (Thumb entries live in the other half).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint FetchSlot(uint pc, bool thumb) => ((pc >> 12) + (thumb ? ThumbFetchSlot : 0)) & SoftTlb.Mask;

    /// <summary>A fetch-TLB miss: translate, get the page's decoded copy for the instruction set, install the entry.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private DecodedInsn* FetchPageSlow(uint pc, bool thumb)
    {
        if (!TranslateFetch(pc, pc, out uint ramPage))
        {
            return null;
        }
        bool isNew = !Board.Code.IsCode(ramPage);
        DecodedInsn* page = thumb ? Board.Code.GetThumbPage(ramPage) : Board.Code.GetPage(ramPage);
        if (isNew)
        {
            Board.FlushWriteTlbs(); // stores to a page that now holds code must take the slow path
        }
        uint i = FetchSlot(pc, thumb);
        _softTlb.FetchTag[i] = pc & 0xFFFF_F000;
        _softTlb.FetchPage[i] = (long)page;
        return page;
    }
}
