// A core's software TLB: virtual page -> host pointer, separately for reads, writes and instruction fetch.
using System.Runtime.InteropServices;

namespace Codezero.Hal.ArmCortexA9.Memory;

/// <summary>
/// Direct-mapped translation cache on the interpreter's fast path. An entry holds the virtual page
/// (the tag) and the difference between host and guest addresses, so a hit costs a compare and an add.
/// Tags are 0xFFFFFFFF when invalid: a masked address never has its low bits all set.
/// Entries exist only for RAM; devices, faults and special cases always take the slow path.
/// </summary>
internal unsafe struct SoftTlb
{
    public const int Bits = 8;
    public const int Size = 1 << Bits;
    public const uint Mask = Size - 1;
    public const uint Invalid = 0xFFFF_FFFF;

    public uint* ReadTag;
    public uint* WriteTag;
    public uint* FetchTag;
    public long* ReadAddend;
    public long* WriteAddend;
    public long* FetchPage;
    private void* _block;

    public static SoftTlb Create()
    {
        nuint bytes = Size * (3 * sizeof(uint) + 3 * sizeof(long));
        var tlb = new SoftTlb { _block = NativeMemory.AlignedAlloc(bytes, 64) };
        byte* p = (byte*)tlb._block;
        tlb.ReadAddend = (long*)p; p += Size * sizeof(long);
        tlb.WriteAddend = (long*)p; p += Size * sizeof(long);
        tlb.FetchPage = (long*)p; p += Size * sizeof(long);
        tlb.ReadTag = (uint*)p; p += Size * sizeof(uint);
        tlb.WriteTag = (uint*)p; p += Size * sizeof(uint);
        tlb.FetchTag = (uint*)p;
        tlb.FlushAll();
        return tlb;
    }

    public void FlushAll()
    {
        FlushWrites();
        for (int i = 0; i < Size; i++)
        {
            ReadTag[i] = Invalid;
            FetchTag[i] = Invalid;
        }
    }

    public void FlushWrites()
    {
        for (int i = 0; i < Size; i++)
        {
            WriteTag[i] = Invalid;
        }
    }

    public void FlushFetch()
    {
        for (int i = 0; i < Size; i++)
        {
            FetchTag[i] = Invalid;
        }
    }

    public void Free()
    {
        if (_block != null)
        {
            NativeMemory.AlignedFree(_block);
            _block = null;
        }
    }
}
