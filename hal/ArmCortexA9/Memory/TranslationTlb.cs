// A core's architectural TLB: translations from the short-descriptor walk, tagged by ASID unless global.
using System.Runtime.InteropServices;

namespace Codezero.Hal.ArmCortexA9.Memory;

/// <summary>One cached translation. Entries are 4 KiB-granular copies of a larger mapping when needed.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TlbEntry
{
    /// <summary>Virtual page (VA[31:12] &lt;&lt; 12) the entry translates.</summary>
    public uint VirtualPage;
    /// <summary>Physical page the virtual page maps to.</summary>
    public uint PhysicalPage;
    /// <summary>First address of the whole mapping (section, supersection, large or small page).</summary>
    public uint RegionBase;
    /// <summary>Mask selecting the mapping's base from an address (e.g. 0xFFF00000 for a section).</summary>
    public uint RegionMask;
    /// <summary>AP[2:0].</summary>
    public byte AccessPermissions;
    public byte Domain;
    public byte Asid;
    /// <summary>Bit 0 valid, bit 1 global (nG clear), bit 2 execute-never, bit 3 supersection, bit 4 section-sized fault codes.</summary>
    public byte Flags;

    public const byte Valid = 1, Global = 2, ExecuteNever = 4, Supersection = 8, SectionLevel = 16;
}

/// <summary>
/// 512 entries, per core, direct-mapped by page (and ASID for non-global entries). Maintenance operations scan it (they are rare); lookups
/// are one index and one compare. The interpreter's soft TLB caches the current ASID's view on top.
/// </summary>
internal unsafe struct TranslationTlb
{
    public const int Size = 512;
    public TlbEntry* Entries;

    public static TranslationTlb Create()
    {
        var tlb = new TranslationTlb { Entries = (TlbEntry*)NativeMemory.AlignedAlloc((nuint)(Size * sizeof(TlbEntry)), 64) };
        tlb.InvalidateAll();
        return tlb;
    }

    /// <summary>Global entries live at the slot of their page; non-global ones at a slot mixed with their ASID,
    /// so that the same address in different address spaces does not evict itself.</summary>
    private static uint Slot(uint va, uint asid) => ((va >> 12) + asid * 37) & (Size - 1);

    public TlbEntry* Lookup(uint va, uint asid)
    {
        uint page = va & 0xFFFF_F000;
        TlbEntry* e = Entries + Slot(va, asid);
        if ((e->Flags & TlbEntry.Valid) != 0 && e->VirtualPage == page && ((e->Flags & TlbEntry.Global) != 0 || e->Asid == asid))
        {
            return e;
        }
        e = Entries + Slot(va, 0);
        if ((e->Flags & (TlbEntry.Valid | TlbEntry.Global)) == (TlbEntry.Valid | TlbEntry.Global) && e->VirtualPage == page)
        {
            return e;
        }
        return null;
    }

    public void Insert(in TlbEntry entry)
        => Entries[Slot(entry.VirtualPage, (entry.Flags & TlbEntry.Global) != 0 ? 0u : entry.Asid)] = entry;

    /// <summary>TLBIALL.</summary>
    public void InvalidateAll()
    {
        for (int i = 0; i < Size; i++)
        {
            Entries[i].Flags = 0;
        }
    }

    /// <summary>TLBIMVA: the entries of this ASID (or global) whose mapping covers <paramref name="va"/>.</summary>
    public void InvalidateByAddress(uint va, uint asid, bool anyAsid)
    {
        for (int i = 0; i < Size; i++)
        {
            TlbEntry* e = Entries + i;
            if ((e->Flags & TlbEntry.Valid) != 0 && (va & e->RegionMask) == e->RegionBase
                && (anyAsid || (e->Flags & TlbEntry.Global) != 0 || e->Asid == asid))
            {
                e->Flags = 0;
            }
        }
    }

    /// <summary>TLBIASID: every non-global entry of the ASID.</summary>
    public void InvalidateByAsid(uint asid)
    {
        for (int i = 0; i < Size; i++)
        {
            TlbEntry* e = Entries + i;
            if ((e->Flags & (TlbEntry.Valid | TlbEntry.Global)) == TlbEntry.Valid && e->Asid == asid)
            {
                e->Flags = 0;
            }
        }
    }

    public void Free()
    {
        if (Entries != null)
        {
            NativeMemory.AlignedFree(Entries);
            Entries = null;
        }
    }
}
