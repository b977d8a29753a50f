// The CP15 system-control registers of one core: identification, SCTLR, translation, fault, thread-ID.
namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    public const uint Sctlr_M = 1u << 0;
    public const uint Sctlr_A = 1u << 1;
    public const uint Sctlr_SW = 1u << 10;
    public const uint Sctlr_V = 1u << 13;
    public const uint Sctlr_EE = 1u << 25;
    public const uint Sctlr_AFE = 1u << 29;
    public const uint Sctlr_TE = 1u << 30;

    /// <summary>Main ID register of a Cortex-A9 r0p0 as QEMU models it.</summary>
    public const uint Midr = 0x410F_C090;

    /// <summary>SCTLR bits software may change; the rest are fixed (RAO/RAZ) on the A9.</summary>
    private const uint SctlrWritable = 0x7200_3C07; // TE, AFE, TRE, EE, V, I, Z, SW, C, A, M
    private const uint SctlrReset = 0x00C5_0078;

    public uint Sctlr, Actlr, Cpacr, Scr, Sder, Nsacr;
    public uint Ttbr0, Ttbr1, Ttbcr, Dacr;
    public uint Dfsr, Ifsr, Dfar, Ifar, Par;
    public uint Prrr, Nmrr, Vbar, Mvbar;
    public uint Contextidr, TpidrUrw, TpidrUro, TpidrPrw;
    public uint Csselr;

    /// <summary>MPIDR: multiprocessor format, cluster 0, this core's index.</summary>
    public uint Mpidr => 0x8000_0000u | (uint)Index;

    private void ResetSystemRegisters()
    {
        Sctlr = SctlrReset;
        Actlr = 0;
        Cpacr = 0;
        Scr = Sder = Nsacr = 0;
        Ttbr0 = Ttbr1 = Ttbcr = Dacr = 0;
        Dfsr = Ifsr = Dfar = Ifar = Par = 0;
        Prrr = 0x000A_81A4;
        Nmrr = 0x44E0_48E0;
        Vbar = Mvbar = 0;
        Contextidr = TpidrUrw = TpidrUro = TpidrPrw = 0;
        Csselr = 0;
    }

    private static uint Key(uint opc1, uint crn, uint crm, uint opc2) => (crn << 12) | (opc1 << 8) | (crm << 4) | opc2;

    /// <summary>MRC p15: reads a system register. False means the access is UNDEFINED (unknown register or not allowed at PL0).</summary>
    public bool ReadCp15(uint opc1, uint crn, uint crm, uint opc2, out uint value)
    {
        uint key = Key(opc1, crn, crm, opc2);
        value = 0;
        if (IsUserMode)
        {
            switch (key)
            {
                case 0xD002: value = TpidrUrw; return true;
                case 0xD003: value = TpidrUro; return true;
                case 0x90E0: value = 0; return true;                     // PMUSERENR is readable at PL0
                default: return false;
            }
        }
        switch (key)
        {
            case 0x0000: value = Midr; return true;
            case 0x0001: value = 0x8333_8003; return true;               // CTR
            case 0x0002: value = 0; return true;                         // TCMTR
            case 0x0003: value = 0; return true;                         // TLBTR: unified TLB
            case 0x0005: value = Mpidr; return true;
            case 0x0006: value = 0; return true;                         // REVIDR
            case 0x0010: value = 0x0000_1031; return true;               // ID_PFR0
            case 0x0011: value = 0x0000_0011; return true;               // ID_PFR1
            case 0x0012: value = 0x0001_0444; return true;               // ID_DFR0
            case 0x0013: value = 0; return true;                         // ID_AFR0
            case 0x0014: value = 0x0010_0103; return true;               // ID_MMFR0
            case 0x0015: value = 0x2000_0000; return true;               // ID_MMFR1
            case 0x0016: value = 0x0123_0000; return true;               // ID_MMFR2
            case 0x0017: value = 0x0010_2111; return true;               // ID_MMFR3
            case 0x0020: value = 0x0010_1111; return true;               // ID_ISAR0: no SDIV/UDIV
            case 0x0021: value = 0x1311_2111; return true;               // ID_ISAR1
            case 0x0022: value = 0x2123_2041; return true;               // ID_ISAR2
            case 0x0023: value = 0x1111_2131; return true;               // ID_ISAR3
            case 0x0024: value = 0x0011_1142; return true;               // ID_ISAR4
            case 0x0025: value = 0; return true;                         // ID_ISAR5
            case 0x0100: value = (Csselr & 1) != 0 ? 0x200F_E019u : 0xE00F_E019u; return true; // CCSIDR
            case 0x0101: value = 0x0920_0003; return true;               // CLIDR
            case 0x0107: value = 0; return true;                         // AIDR
            case 0x0200: value = Csselr; return true;
            case 0x1000: value = Sctlr; return true;
            case 0x1001: value = Actlr; return true;
            case 0x1002: value = Cpacr; return true;
            case 0x1010: value = Scr; return true;
            case 0x1011: value = Sder; return true;
            case 0x1012: value = Nsacr; return true;
            case 0x2000: value = Ttbr0; return true;
            case 0x2001: value = Ttbr1; return true;
            case 0x2002: value = Ttbcr; return true;
            case 0x3000: value = Dacr; return true;
            case 0x5000: value = Dfsr; return true;
            case 0x5001: value = Ifsr; return true;
            case 0x5010: case 0x5011: value = 0; return true;          // ADFSR, AIFSR
            case 0x6000: value = Dfar; return true;
            case 0x6002: value = Ifar; return true;
            case 0x7040: value = Par; return true;
            case 0xA020: value = Prrr; return true;
            case 0xA021: value = Nmrr; return true;
            case 0xC000: value = Vbar; return true;
            case 0xC001: value = Mvbar; return true;
            case 0xC010: value = 0; return true;                         // ISR: no pending IRQ/FIQ/abort (board 1)
            case 0xD000: value = 0; return true;                         // FCSEIDR: FCSE not implemented
            case 0xD001: value = Contextidr; return true;
            case 0xD002: value = TpidrUrw; return true;
            case 0xD003: value = TpidrUro; return true;
            case 0xD004: value = TpidrPrw; return true;
            case 0x90E0: value = 0; return true;                         // PMUSERENR: no PMU modelled, RAZ/WI
            case 0xF400: value = Board.PeriphBase; return true;          // CBAR
            case 0xF000: value = 0; return true;                         // A9 power control
            default: return false;
        }
    }

    /// <summary>MCR p15: writes a system register or performs a maintenance operation. False means UNDEFINED.</summary>
    public bool WriteCp15(uint opc1, uint crn, uint crm, uint opc2, uint value)
    {
        uint key = Key(opc1, crn, crm, opc2);
        if (IsUserMode)
        {
            switch (key)
            {
                case 0xD002: TpidrUrw = value; return true;
                case 0x70A4: case 0x70A5: case 0x7054: return true;    // CP15DSB, CP15DMB, CP15ISB
                default: return false;
            }
        }
        return WriteCp15Privileged(opc1, crn, crm, opc2, value);
    }

    /// <summary>
    /// MCR p15 as PL1 code performs it, whatever mode the core is in: the native kernel's access to the
    /// system registers (its entry runs on the core's behalf before any mode change). False means UNDEFINED.
    /// </summary>
    public bool WriteCp15Privileged(uint opc1, uint crn, uint crm, uint opc2, uint value)
    {
        uint key = Key(opc1, crn, crm, opc2);
        switch (key)
        {
            case 0x0200: Csselr = value & 0xF; return true;
            case 0x1000:
                Sctlr = (SctlrReset & ~SctlrWritable) | (value & SctlrWritable);
                FlushSoftTlb();
                StopBlock = true;
                return true;
            case 0x1001: Actlr = value & 0x2CF; return true;
            case 0x1002: Cpacr = 0; return true;                        // no VFP/NEON modelled: cp10/11 access bits are RAZ/WI
            case 0x1010: Scr = value & 0x7F; return true;
            case 0x1011: Sder = value & 3; return true;
            case 0x1012: Nsacr = value & 0x000F_3FFF; return true;
            case 0x2000: Ttbr0 = value; TranslationChanged(); return true;
            case 0x2001: Ttbr1 = value; TranslationChanged(); return true;
            case 0x2002: Ttbcr = value & 0x37; TranslationChanged(); return true;
            case 0x3000: Dacr = value; TranslationChanged(); return true;
            case 0x5000: Dfsr = value & 0x1CFF; return true;
            case 0x5001: Ifsr = value & 0x140F; return true;
            case 0x5010: case 0x5011: return true;
            case 0x6000: Dfar = value; return true;
            case 0x6002: Ifar = value; return true;
            case 0x7040: Par = value; return true;
            // Cache and branch-predictor maintenance: no-ops on this coherent, cache-less model.
            case 0x7010: case 0x7016: case 0x7050: case 0x7051: case 0x7056: case 0x7057:
            case 0x7061: case 0x7062: case 0x70A1: case 0x70A2: case 0x70B1: case 0x70E1: case 0x70E2:
            case 0x70A4: case 0x70A5: case 0x7054:
                return true;
            // Address translation operations.
            case 0x7080: case 0x7081: case 0x7082: case 0x7083:
                AddressTranslate(value, opc2);
                return true;
            // TLB maintenance: unified (c8,c7), instruction (c8,c5) and data (c8,c6) forms act on this core;
            // the inner-shareable forms (c8,c3) act on every core of the cluster.
            case 0x8070: case 0x8071: case 0x8072: case 0x8073:
            case 0x8050: case 0x8051: case 0x8052:
            case 0x8060: case 0x8061: case 0x8062:
                TlbMaintenance(opc2, value);
                return true;
            case 0x8030: case 0x8031: case 0x8032: case 0x8033:
                Board.BroadcastTlbMaintenance(this, opc2, value);
                return true;
            case 0xA020: Prrr = value; return true;
            case 0xA021: Nmrr = value; return true;
            case 0xC000: Vbar = value & ~0x1Fu; return true;
            case 0xC001: Mvbar = value & ~0x1Fu; return true;
            case 0xD000: return true;                                    // FCSEIDR: RAZ/WI
            case 0xD001: Contextidr = value; TranslationChanged(); return true;
            case 0xD002: TpidrUrw = value; return true;
            case 0xD003: TpidrUro = value; return true;
            case 0xD004: TpidrPrw = value; return true;
            case 0x90E0: return true;                                    // PMUSERENR: RAZ/WI, PL0 never gets the PMU
            case 0xF000: return true;
            default: return false;
        }
    }

    private void TranslationChanged()
    {
        FlushSoftTlb();
        StopBlock = true;
    }
}
