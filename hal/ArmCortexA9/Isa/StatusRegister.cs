// Handlers that read or write the PSRs and modes: MRS, MSR, CPS, SETEND, SRS, RFE.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

internal static unsafe class StatusRegister
{
    private const uint RBit = 1u << 22;

    // MRS<c> <Rd>, <spec_reg>   (APSR/CPSR or SPSR)
    public static void Mrs(ArmCore core, uint raw)
    {
        int rd = (int)(raw >> 12) & 15;
        if (rd == 15)
        {
            core.Undefined();
            return;
        }
        if ((raw & RBit) != 0)
        {
            if (!core.HasSpsr)
            {
                core.Undefined(); // no SPSR in User/System mode: UNPREDICTABLE, UNDEFINED here
                return;
            }
            core.R[rd] = core.Spsr;
            return;
        }
        // The execution-state bits (J, T, IT) read as zero, as they do on the A9 and in QEMU.
        core.R[rd] = core.Cpsr & ~(Psr.J | Psr.T | Psr.ItLow | Psr.ItHigh);
    }

    // MSR<c> <spec_reg>, <Rn>
    public static void MsrRegister(ArmCore core, uint raw) => Msr(core, raw, core.R[raw & 15]);

    // MSR<c> <spec_reg>, #<const>
    public static void MsrImmediate(ArmCore core, uint raw) => Msr(core, raw, RotatedImmediate.Get(core, raw, out _));

    private static void Msr(ArmCore core, uint raw, uint value)
    {
        uint fieldMask = (raw >> 16) & 0xF;
        uint byteMask = ((fieldMask & 8) != 0 ? 0xFF00_0000u : 0) | ((fieldMask & 4) != 0 ? 0x00FF_0000u : 0)
                      | ((fieldMask & 2) != 0 ? 0x0000_FF00u : 0) | ((fieldMask & 1) != 0 ? 0x0000_00FFu : 0);
        if ((raw & RBit) != 0)
        {
            if (!core.HasSpsr || fieldMask == 0)
            {
                core.Undefined();
                return;
            }
            core.Spsr = (core.Spsr & ~byteMask) | (value & byteMask);
            return;
        }
        // CPSRWriteByInstr: NZCVQ and GE from any mode; E, A, I, F and M only when privileged;
        // the execution-state bits (IT, J, T) never.
        uint writable = Psr.Nzcv | Psr.Q | Psr.Ge;
        if (!core.IsUserMode)
        {
            writable |= Psr.E | Psr.A | Psr.I | Psr.F | Psr.M;
        }
        writable &= byteMask;
        uint cpsr = core.Cpsr;
        uint updated = (cpsr & ~writable) | (value & writable);
        if ((writable & Psr.M) != 0 && !ModeBank.IsValid(updated & Psr.M))
        {
            updated = (updated & ~Psr.M) | (cpsr & Psr.M); // an unimplemented mode is UNPREDICTABLE: keep the mode
        }
        core.WriteCpsr(updated);
    }

    // CPS<effect> <iflags>{, #<mode>}  |  CPS #<mode>
    public static void Cps(ArmCore core, uint raw)
    {
        uint imod = (raw >> 18) & 3;
        bool changeMode = (raw & (1u << 17)) != 0;
        uint mode = raw & 0x1F;
        if (imod == 1 || (imod == 0 && !changeMode) || (!changeMode && mode != 0))
        {
            core.Undefined(); // UNPREDICTABLE combinations, UNDEFINED here
            return;
        }
        if (core.IsUserMode)
        {
            return; // CPS is a NOP in User mode
        }
        uint cpsr = core.Cpsr;
        uint flags = (raw & (Psr.A | Psr.I | Psr.F));
        if (imod == 2)
        {
            cpsr &= ~flags;
        }
        else if (imod == 3)
        {
            cpsr |= flags;
        }
        if (changeMode && ModeBank.IsValid(mode))
        {
            cpsr = (cpsr & ~Psr.M) | mode;
        }
        core.WriteCpsr(cpsr);
    }

    // SETEND <endian_specifier>
    public static void Setend(ArmCore core, uint raw)
    {
        uint cpsr = core.Cpsr & ~Psr.E;
        core.WriteCpsr(cpsr | (raw & Psr.E));
    }

    // SRS{DA,DB,IA,IB} SP{!}, #<mode>
    public static void Srs(ArmCore core, uint raw)
    {
        uint mode = raw & 0x1F;
        if (!core.HasSpsr || !ModeBank.IsValid(mode) || mode == (uint)ProcessorMode.User)
        {
            core.Undefined();
            return;
        }
        var target = (ProcessorMode)mode;
        uint sp = core.ReadBanked(target, 13);
        bool increment = (raw & (1u << 23)) != 0;
        bool before = (raw & (1u << 24)) != 0;
        uint address = increment ? (before ? sp + 4 : sp) : (before ? sp - 8 : sp - 4);
        if (!core.Write32Aligned(address, core.R[14]) || !core.Write32Aligned(address + 4, core.Spsr))
        {
            return;
        }
        if ((raw & (1u << 21)) != 0)
        {
            core.WriteBanked(target, 13, increment ? sp + 8 : sp - 8);
        }
    }

    // RFE{DA,DB,IA,IB} <Rn>{!}
    public static void Rfe(ArmCore core, uint raw)
    {
        if (core.IsUserMode)
        {
            core.Undefined();
            return;
        }
        int n = (int)(raw >> 16) & 15;
        uint rn = core.R[n];
        bool increment = (raw & (1u << 23)) != 0;
        bool before = (raw & (1u << 24)) != 0;
        uint address = increment ? (before ? rn + 4 : rn) : (before ? rn - 8 : rn - 4);
        if (!core.Read32Aligned(address, out uint pc) || !core.Read32Aligned(address + 4, out uint psr))
        {
            return;
        }
        if ((raw & (1u << 21)) != 0)
        {
            core.R[n] = increment ? rn + 8 : rn - 8;
        }
        core.ReturnFromException(psr, pc);
    }
}
