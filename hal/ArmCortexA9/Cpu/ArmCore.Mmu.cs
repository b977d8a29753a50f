// The MMU of one core: the ARMv7 short-descriptor table walk, permission checks, TLB maintenance, ATS1C*.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    private const uint TtbcrPd0 = 1u << 4;
    private const uint TtbcrPd1 = 1u << 5;

    private TranslationTlb _tlb = TranslationTlb.Create();

    /// <summary>Set by another core's inner-shareable TLB operation; handled at this core's next block.</summary>
    internal volatile bool RemoteTlbFlushPending;

    /// <summary>The current ASID (CONTEXTIDR[7:0]).</summary>
    public uint Asid => Contextidr & 0xFF;

    /// <summary>
    /// Virtual-to-physical translation. With the MMU off it is the identity. On failure
    /// <paramref name="fault"/> holds the fault status (FS) in bits 4:0 and the domain in bits 11:8.
    /// </summary>
    public bool Translate(uint va, AccessKind kind, bool user, out uint pa, out uint fault)
    {
        if ((Sctlr & Sctlr_M) == 0)
        {
            pa = va;
            fault = 0;
            return true;
        }
        TlbEntry* entry = _tlb.Lookup(va, Asid);
        TlbEntry walked;
        if (entry == null)
        {
            if (!Walk(va, out walked, out fault))
            {
                pa = 0;
                return false;
            }
            _tlb.Insert(walked);
            entry = &walked;
        }
        if (!CheckAccess(entry, kind, user, out fault))
        {
            pa = 0;
            return false;
        }
        pa = entry->PhysicalPage | (va & 0xFFF);
        return true;
    }

    /// <summary>The short-descriptor walk of ARM DDI 0406C B3.5, reading tables from physical RAM.</summary>
    private bool Walk(uint va, out TlbEntry entry, out uint fault)
    {
        entry = default;
        uint n = Ttbcr & 7;
        uint l1Address;
        if (n != 0 && (va >> (int)(32 - n)) != 0)
        {
            if ((Ttbcr & TtbcrPd1) != 0)
            {
                fault = FaultStatus.TranslationSection;
                return false;
            }
            l1Address = (Ttbr1 & 0xFFFF_C000) | ((va >> 18) & 0x3FFC);
        }
        else
        {
            if ((Ttbcr & TtbcrPd0) != 0)
            {
                fault = FaultStatus.TranslationSection;
                return false;
            }
            l1Address = (Ttbr0 & ~(0x3FFFu >> (int)n)) | ((va >> 18) & (0x3FFCu >> (int)n) & ~3u); // VA[31-N:20] as a word index
        }
        if (!ReadTableWord(l1Address, out uint l1))
        {
            fault = FaultStatus.ExternalWalkL1;
            return false;
        }
        entry.VirtualPage = va & 0xFFFF_F000;
        entry.Asid = (byte)Asid;
        byte flags = TlbEntry.Valid;
        switch (l1 & 3)
        {
            case 1: // page table
            {
                uint domain = (l1 >> 5) & 0xF;
                uint l2Address = (l1 & 0xFFFF_FC00) | ((va >> 10) & 0x3FC);
                if (!ReadTableWord(l2Address, out uint l2))
                {
                    fault = FaultStatus.ExternalWalkL2 | (domain << 8);
                    return false;
                }
                if ((l2 & 3) == 0)
                {
                    fault = FaultStatus.TranslationPage | (domain << 8);
                    return false;
                }
                entry.Domain = (byte)domain;
                entry.AccessPermissions = (byte)(((l2 >> 7) & 4) | ((l2 >> 4) & 3));
                if ((l2 & (1u << 11)) == 0)
                {
                    flags |= TlbEntry.Global;
                }
                if ((l2 & 2) != 0) // small page, 4 KiB
                {
                    entry.RegionMask = 0xFFFF_F000;
                    entry.PhysicalPage = l2 & 0xFFFF_F000;
                    if ((l2 & 1) != 0)
                    {
                        flags |= TlbEntry.ExecuteNever;
                    }
                }
                else // large page, 64 KiB
                {
                    entry.RegionMask = 0xFFFF_0000;
                    entry.PhysicalPage = (l2 & 0xFFFF_0000) | (va & 0xF000);
                    if ((l2 & (1u << 15)) != 0)
                    {
                        flags |= TlbEntry.ExecuteNever;
                    }
                }
                break;
            }
            case 2: // section or supersection
            {
                flags |= TlbEntry.SectionLevel;
                entry.AccessPermissions = (byte)(((l1 >> 13) & 4) | ((l1 >> 10) & 3));
                if ((l1 & (1u << 17)) == 0)
                {
                    flags |= TlbEntry.Global;
                }
                if ((l1 & (1u << 4)) != 0)
                {
                    flags |= TlbEntry.ExecuteNever;
                }
                if ((l1 & (1u << 18)) == 0)
                {
                    entry.Domain = (byte)((l1 >> 5) & 0xF);
                    entry.RegionMask = 0xFFF0_0000;
                    entry.PhysicalPage = (l1 & 0xFFF0_0000) | (va & 0x000F_F000);
                }
                else
                {
                    entry.Domain = 0;
                    entry.RegionMask = 0xFF00_0000;
                    entry.PhysicalPage = (l1 & 0xFF00_0000) | (va & 0x00FF_F000);
                    flags |= TlbEntry.Supersection;
                }
                break;
            }
            default: // 00 fault; 11 is a fault on the A9 (no PXN, no LPAE)
                fault = FaultStatus.TranslationSection;
                return false;
        }
        entry.RegionBase = va & entry.RegionMask;
        entry.Flags = flags;
        fault = 0;
        return true;
    }

    /// <summary>Domain, execute-never, access-flag and AP checks, in the order QEMU applies them.</summary>
    private bool CheckAccess(TlbEntry* entry, AccessKind kind, bool user, out uint fault)
    {
        bool section = (entry->Flags & TlbEntry.SectionLevel) != 0;
        uint domain = entry->Domain;
        uint access = (Dacr >> (int)(2 * domain)) & 3;
        fault = 0;
        if (access is 0 or 2)
        {
            fault = (section ? FaultStatus.DomainSection : FaultStatus.DomainPage) | (domain << 8);
            return false;
        }
        if (access == 3)
        {
            return true; // manager: no permission or execute-never checks
        }
        uint permission = (section ? FaultStatus.PermissionSection : FaultStatus.PermissionPage) | (domain << 8);
        if (kind == AccessKind.Execute && (entry->Flags & TlbEntry.ExecuteNever) != 0)
        {
            fault = permission;
            return false;
        }
        uint ap = entry->AccessPermissions;
        bool readable, writable;
        if ((Sctlr & Sctlr_AFE) != 0)
        {
            if ((ap & 1) == 0)
            {
                fault = (section ? FaultStatus.AccessFlagSection : FaultStatus.AccessFlagPage) | (domain << 8);
                return false;
            }
            // Simplified model: AP[2] read-only, AP[1] user access.
            readable = !user || (ap & 2) != 0;
            writable = readable && (ap & 4) == 0;
        }
        else
        {
            switch (ap)
            {
                case 1: readable = !user; writable = !user; break;
                case 2: readable = true; writable = !user; break;
                case 3: readable = true; writable = true; break;
                case 5: readable = !user; writable = false; break;
                case 6: case 7: readable = true; writable = false; break;
                default: readable = false; writable = false; break;
            }
        }
        if (!readable || (kind == AccessKind.Write && !writable))
        {
            fault = permission;
            return false;
        }
        return true;
    }

    private bool ReadTableWord(uint physical, out uint value)
    {
        long offset = Board.Memory.RamOffset(physical);
        if (offset < 0 || (physical & 3) != 0)
        {
            value = 0;
            return false;
        }
        value = *(uint*)(Board.Memory.Ram + offset);
        return true;
    }

    /// <summary>ATS1CPR/ATS1CPW/ATS1CUR/ATS1CUW: translate without side effects and report in PAR.</summary>
    private void AddressTranslate(uint va, uint op)
    {
        AccessKind kind = (op & 1) != 0 ? AccessKind.Write : AccessKind.Read;
        bool user = (op & 2) != 0;
        if (Translate(va, kind, user, out uint pa, out uint fault))
        {
            TlbEntry* e = _tlb.Lookup(va, Asid);
            bool super = e != null && (e->Flags & TlbEntry.Supersection) != 0 && (Sctlr & Sctlr_M) != 0;
            Par = super ? (pa & 0xFF00_0000) | 2 : pa & 0xFFFF_F000;
        }
        else
        {
            // PAR fault format: F = 1, FS[3:0] in bits 4:1, FS[4] in bit 5.
            Par = 1 | ((fault & 0xF) << 1) | ((fault & 0x10) << 1);
        }
    }

    /// <summary>Performs a TLB maintenance operation on this core (op 0 ALL, 1 MVA, 2 ASID, 3 MVAA).</summary>
    internal void TlbMaintenance(uint op, uint value)
    {
        switch (op)
        {
            case 0: _tlb.InvalidateAll(); break;
            case 1: _tlb.InvalidateByAddress(value & 0xFFFF_F000, value & 0xFF, anyAsid: false); break;
            case 2: _tlb.InvalidateByAsid(value & 0xFF); break;
            default: _tlb.InvalidateByAddress(value & 0xFFFF_F000, 0, anyAsid: true); break;
        }
        FlushSoftTlb();
        StopBlock = true;
    }

    /// <summary>True while a flush another core broadcast (inner-shareable maintenance) is not yet applied here.</summary>
    public bool TlbFlushPending => RemoteTlbFlushPending;

    /// <summary>Applies a flush another core asked for (inner-shareable maintenance), at a block boundary.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void ServiceRemoteTlbFlush()
    {
        RemoteTlbFlushPending = false;
        _tlb.InvalidateAll();
        FlushSoftTlb();
    }
}
