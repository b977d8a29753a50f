// The one list of everything the differential fuzzer does not compare, or bends to keep comparable, with the reason for each.
using System;

namespace Codezero.Tests.Differential;

/// <summary>
/// Everything the A32 differential fuzzer leaves out or bends, in one place. The oracle (Unicorn 2.0.1,
/// QEMU 5.0 inside, Cortex-A9 model) runs the main campaign in User mode, where privileged encodings must
/// raise UNDEFINED on both sides and are compared that way; the privileged campaign
/// (<see cref="PrivilegedFuzzCampaign"/>) starts cases in FIQ/IRQ/SVC/ABT/UND/SYS and adds the entries marked
/// "privileged" below.
/// Preference order: fix the random operands to a valid choice (coverage stays high) over skipping an
/// outcome over excluding a whole row.
/// </summary>
internal static class FuzzExclusions
{
    private const int Pc = 1 << 15;
    private const int Lr = 1 << 14;

    /// <summary>
    /// How the comparison itself is bent, and why (the code that does it names the entry). Nothing here hides a
    /// difference in a comparable result.
    /// </summary>
    public static readonly (string Adjustment, string Reason)[] OracleAdjustments =
    [
        ("SWP/SWPB run with SCTLR.SW = 1 on our core",
            "QEMU does not gate SWP on SCTLR.SW (a real A9 UNDEFs it while SW = 0, our core's reset state); with SW set both execute it and the swap is compared"),
        ("exceptions compared by kind",
            "when both raise UNDEFINED, SVC, a prefetch abort (BKPT) or a data abort, only the kind is compared: Unicorn's interrupt hook stops before QEMU enters the exception, so banked registers, LR and the vector are ours alone"),
        ("Unicorn 'unmapped' agrees with our data abort",
            "Unicorn reports an access outside its pages as UC_ERR_READ/WRITE_UNMAPPED where our board raises a synchronous external abort"),
        ("branches to Thumb are compared",
            "the T bit and the target are compared. Unicorn is told to stop at the Thumb target our core predicts, because Unicorn 2.0.1 stopped by its count hook inside Thumb code afterwards runs several ARM instructions per step; if it stops there anyway, the engine is rebuilt"),
        ("TPIDRURW/TPIDRURO are case state",
            "User code reads both and writes TPIDRURW, so each case sets them on both sides and compares TPIDRURW afterwards"),
        ("SETEND is compared, and E is random at the start",
            "User code may switch data endianness, so SETEND is compared like any instruction and one case in eight starts with CPSR.E = 1 (big-endian loads and stores)"),
        ("known shared deviation: MSR does not write CPSR.E at PL0",
            "ARMv7 CPSRWriteByInstr lets User mode write E through MSR; QEMU 5.0 and our core both ignore it, so the fuzzer agrees and cannot flag it"),
        ("Unicorn's SCR.AW and SCR.FW are set (privileged campaign)",
            "Unicorn's Cortex-A9 has the Security Extensions and runs Non-secure, where SCR.AW/FW = 0 stop CPSR.A and CPSR.F from changing (MSR, CPS, exception returns); our board models an A9 without a Secure monitor (as QEMU's vexpress-a9 without EL3), where PL1 writes both. Setting AW/FW once per engine makes the two comparable"),
        ("no CPSR bit is masked",
            "see CpsrCompareMask: every bit agrees in User mode, so nothing needed masking"),
    ];

    /// <summary>Rows never compared.</summary>
    public static readonly (string Row, string Reason)[] ExcludedRows =
    [
        ("WFI", "waits for an interrupt: our core sleeps (Waiting), Unicorn returns at once; nothing a User-mode oracle can judge"),
        ("WFE", "Unicorn stops with UC_ERR_INSN_INVALID after executing it (QEMU's EXCP_YIELD), not an architectural result"),
        ("YIELD", "Unicorn stops with UC_ERR_INSN_INVALID after executing it (QEMU's EXCP_YIELD), not an architectural result"),
        ("SEV", "signals the event register of every core, which the oracle cannot observe"),
        ("STREX", "the result depends on the exclusive monitor, which single-instruction runs cannot keep in step: our core clears it on exception entry, Unicorn's interrupt hook stops before QEMU would"),
        ("STREXB", "exclusive monitor state, as STREX"),
        ("STREXH", "exclusive monitor state, as STREX"),
        ("STREXD", "exclusive monitor state, as STREX"),
    ];

    /// <summary>Rows never compared in the privileged-mode campaign (on top of <see cref="ExcludedRows"/>).</summary>
    public static readonly (string Row, string Reason)[] PrivilegedExcludedRows =
    [
        ("SMC", "the board has no Secure monitor, so SMC is UNDEFINED (docs/board.md, Decisions); Unicorn's A9 has the Security Extensions and takes EXCP_SMC at PL1. In User mode both UNDEF and the User campaign compares it"),
        ("MCR p15", "privileged CP15 accesses reach registers whose model is board- or QEMU-specific (CBAR holds our board's PERIPHBASE and reads 0 on Unicorn; QEMU's A9 accepts PMU and IMPLEMENTATION DEFINED c15 encodings our core UNDEFs); the System-register model is outside this campaign, which targets PSR and banking behaviour"),
        ("MRC p15", "as MCR p15"),
    ];

    /// <summary>Rules applied, in this order, to every generated case whose row they apply to.</summary>
    public static readonly OperandRule[] OperandRules =
    [
        new("privileged: SPSR users start in a mode with an SPSR",
            "MRS/MSR of SPSR, LDM/STM (user), LDM (exception return) and SUBS PC, LR-style returns are UNPREDICTABLE in System mode (no SPSR; user-bank forms in User/System); a privileged case drawn in System mode moves to a random mode with an SPSR",
            static r => r.Name is "MRS" or "MSR (reg)" or "MSR (imm)" or "LDM (user)" or "STM (user)" or "LDM (exception return)"
                || (r.Family == RowFamily.DataProcessing && r.SetsFlags),
            static (r, c, rng) => MoveOutOfSystemMode(r, c, rng)),
        new("DP S-form writing PC",
            "SUBS PC, LR and the other flag-setting forms with Rd = PC are exception returns; in User and System mode (no SPSR) they are UNPREDICTABLE. Privileged cases with an SPSR keep them for SUBS and MOVS only (the SPSR is a realistic CPSR: FuzzValues.ExceptionReturnPsr): QEMU 5.0 (Unicorn 2.0.1) implements ALUExceptionReturn only for SUB and MOV, and runs ANDS/EORS/ADDS/ORRS/MVNS/... PC as plain flag-setting writes to the PC (a QEMU deviation from the ARM ARM, found by this fuzzer: the mode and SPSR copy are missing)",
            static r => r.Family == RowFamily.DataProcessing && r.SetsFlags && (r.RegisterFieldMask & (15u << 12)) != 0,
            static (r, c, rng) =>
            {
                if (!FuzzCase.HasSpsr(c.Mode) || r.Mnemonic is not ("SUBS" or "MOVS"))
                {
                    c.AvoidReg(rng, FuzzCase.Rd, Pc);
                }
            }),
        new("privileged: SRS mode and stack",
            "SRS to Monitor (Secure-only; the board has no Secure monitor), to User or to an unimplemented mode is UNPREDICTABLE: the mode field is redrawn among FIQ/IRQ/SVC/ABT/UND/SYS; that mode's SP is a word-aligned data pointer, because SRS and RFE always require word alignment (ARM ARM A3.2.1) and our core faults, while QEMU 5.0 does not check it with SCTLR.A = 0 (a QEMU deviation)",
            static r => r.Name == "SRS",
            static (r, c, rng) => FixSrs(c, rng)),
        new("privileged: RFE base and loaded words",
            "RFE with Rn = PC is UNPREDICTABLE; the base is a word-aligned data pointer (alignment as for SRS: QEMU does not fault an unaligned RFE) and the two loaded words are a word-aligned ARM PC and a realistic CPSR (FuzzValues.ExceptionReturnPsr: valid mode, T/J/IT zero), since restoring Thumb, Jazelle or a reserved mode is out of scope or UNPREDICTABLE",
            static r => r.Name == "RFE",
            static (r, c, rng) => FixRfe(c, rng)),
        new("DP register-shifted register with PC",
            "Rd, Rn, Rm or Rs = PC in the register-shifted-register forms is UNPREDICTABLE (ARM ARM A8.8, e.g. ADD (register-shifted register))",
            static r => r.Family == RowFamily.DataProcessing && r.IsRegisterShifted,
            static (r, c, rng) => AvoidPcInRegisterFields(r, c, rng)),
        new("MOVW/MOVT Rd = PC", "UNPREDICTABLE",
            static r => r.Family == RowFamily.MoveWide,
            static (r, c, rng) => c.AvoidReg(rng, FuzzCase.Rd, Pc)),
        new("BXJ/BLX (register) Rm = PC", "UNPREDICTABLE",
            static r => r.Name is "BXJ" or "BLX (reg)",
            static (r, c, rng) => c.AvoidReg(rng, FuzzCase.Rm, Pc)),
        new("interworking target <1:0> = 10",
            "BXWritePC to an address with bits 1:0 = 10 is UNPREDICTABLE (QEMU keeps bit 1, the A9 model clears it); the target register gets bit 1 cleared or bit 0 set",
            static r => r.Family == RowFamily.BranchExchange,
            static (r, c, rng) => FixInterworkingTarget(c, c.Reg(FuzzCase.Rm), rng)),
        new("single load/store writeback with Rn = PC or Rn = Rt",
            "pre/post-indexed and unprivileged forms with n == 15 or n == t are UNPREDICTABLE",
            static r => r.Family == RowFamily.LoadStore && r.WritesBack,
            static (r, c, rng) => c.AvoidReg(rng, FuzzCase.Rn, Pc | (1 << c.Reg(FuzzCase.Rt)))),
        new("single load/store unprivileged with Rn = PC",
            "LDRT/STRT and friends with n == 15 are UNPREDICTABLE",
            static r => r.Family == RowFamily.LoadStore && r.IsUnprivileged,
            static (r, c, rng) => c.AvoidReg(rng, FuzzCase.Rn, Pc)),
        new("single load/store register offset Rm = PC", "m == 15 is UNPREDICTABLE",
            static r => r.Family == RowFamily.LoadStore && r.IsRegisterOffset,
            static (r, c, rng) => c.AvoidReg(rng, FuzzCase.Rm, Pc)),
        new("byte/halfword/signed/unprivileged Rt = PC",
            "t == 15 is UNPREDICTABLE except for word LDR/STR (LDRB, STRB, LDRH, STRH, LDRSB, LDRSH and all T forms)",
            static r => r.Family == RowFamily.LoadStore && (r.Size != "" || r.IsUnprivileged),
            static (r, c, rng) => c.AvoidReg(rng, FuzzCase.Rt, Pc)),
        new("LDR to PC from a non-word-aligned address",
            "LoadWritePC from an address with bits 1:0 != 00 is UNPREDICTABLE; the base register is adjusted so the address is aligned",
            static r => r.Family == RowFamily.LoadStore && r.IsLoad && r.Size == "" && !r.IsUnprivileged,
            static (r, c, rng) => AlignLoadToPc(r, c, rng)),
        new("LDRD/STRD register choices",
            "Rt odd, Rt2 = PC (Rt = LR), writeback with Rn = PC/Rt/Rt2, Rm = PC, and for LDRD Rm = Rt/Rt2 are UNPREDICTABLE",
            static r => r.Family == RowFamily.LoadStoreDual,
            static (r, c, rng) => FixDual(r, c, rng)),
        new("LDM/STM register choices",
            "Rn = PC or an empty list is UNPREDICTABLE; LDM with writeback and Rn in the list is UNPREDICTABLE; STM with writeback and Rn in the list (not lowest) stores an UNKNOWN value",
            static r => r.Family == RowFamily.LoadStoreMultiple,
            static (r, c, rng) => FixMultiple(c, rng)),
        new("LDRD/STRD, LDM/STM address alignment",
            "ARMv7 requires a word-aligned address (alignment fault otherwise); Unicorn 2.0 (QEMU 5.0) performs the access instead, a known QEMU deviation fixed only in QEMU 6.2. Base and offset are made word-aligned",
            static r => r.Family is RowFamily.LoadStoreDual or RowFamily.LoadStoreMultiple,
            static (r, c, rng) => AlignWordPairs(r, c)),
        new("multiply register choices",
            "any register operand = PC is UNPREDICTABLE (RdHi == RdLo: see the generic rule below)",
            static r => r.Family == RowFamily.Multiply,
            static (r, c, rng) => AvoidPcInRegisterFields(r, c, rng)),
        new("MRS/MSR register and mask choices",
            "MRS Rd = PC, MSR (register) Rn = PC and MSR with mask 0000 are UNPREDICTABLE",
            static r => r.Mnemonic is "MRS" or "MSR",
            static (r, c, rng) =>
            {
                if (r.Mnemonic == "MRS")
                {
                    c.AvoidReg(rng, FuzzCase.Rd, Pc);
                    return;
                }
                if (r.Name == "MSR (reg)")
                {
                    c.AvoidReg(rng, FuzzCase.Rm, Pc);
                }
                if (c.Field(16, 4) == 0)
                {
                    c.SetField(16, 4, (uint)rng.Next(1, 16));
                }
            }),
        new("CPS field combinations",
            "imod = 01, imod<1> = 1 with A:I:F = 000, imod<1> = 0 with A:I:F != 000, and mode != 0 with M = 0 are UNPREDICTABLE; imod = 00 with M = 0 is unallocated",
            static r => r.Mnemonic == "CPS",
            static (r, c, rng) => FixCps(c, rng)),
        new("preload register choices",
            "PLD/PLDW/PLI (register) with Rm = PC, and PLDW with Rn = PC, are UNPREDICTABLE",
            static r => r.Family == RowFamily.Preload,
            static (r, c, rng) =>
            {
                if ((r.RegisterFieldMask & 15u) != 0)
                {
                    c.AvoidReg(rng, FuzzCase.Rm, Pc);
                }
                if (r.Mnemonic == "PLDW")
                {
                    c.AvoidReg(rng, FuzzCase.Rn, Pc);
                }
            }),
        new("SWP/SWPB register choices",
            "Rt, Rt2 or Rn = PC, and Rn equal to Rt or Rt2, are UNPREDICTABLE",
            static r => r.Family == RowFamily.Swap,
            static (r, c, rng) =>
            {
                AvoidPcInRegisterFields(r, c, rng);
                c.AvoidReg(rng, FuzzCase.Rn, Pc | (1 << c.Reg(FuzzCase.Rt)) | (1 << c.Reg(FuzzCase.Rm)));
            }),
        new("exclusive load register choices",
            "LDREX{B,H,D} with Rt or Rn = PC, and LDREXD with Rt odd or Rt = LR, are UNPREDICTABLE",
            static r => r.Family == RowFamily.Exclusive && r.Mnemonic.StartsWith("LDREX", StringComparison.Ordinal),
            static (r, c, rng) =>
            {
                c.AvoidReg(rng, FuzzCase.Rn, Pc);
                c.AvoidReg(rng, FuzzCase.Rt, Pc);
                if (r.Mnemonic == "LDREXD")
                {
                    c.SetReg(FuzzCase.Rt, c.Reg(FuzzCase.Rt) & ~1);
                    c.AvoidReg(rng, FuzzCase.Rt, Lr | 0xAAAA); // odd registers, LR (and PC)
                }
            }),
        new("MCR Rt = PC", "UNPREDICTABLE",
            static r => r.Mnemonic == "MCR",
            static (r, c, rng) => c.AvoidReg(rng, FuzzCase.Rt, Pc)),
        new("generic: PC as a register operand of other rows",
            "rows the fuzzer has no specific rule for (media, saturating, signed multiply, bit-field, packing, extension): any PC register operand is UNPREDICTABLE in those classes",
            static r => r.Family == RowFamily.Other,
            static (r, c, rng) => AvoidPcInRegisterFields(r, c, rng)),
        new("generic: RdHi == RdLo",
            "every long multiply (SMLALxy, SMLALD, SMLSLD as well as UMULL and friends) with RdHi == RdLo is UNPREDICTABLE",
            static r => r.HasHiLoPair,
            static (r, c, rng) => c.AvoidReg(rng, 12, Pc | (1 << c.Reg(16)))),
        new("BFI/BFC msb < lsb", "UNPREDICTABLE (QEMU UNDEFs); msb and lsb are swapped",
            static r => r.Mnemonic is "BFI" or "BFC",
            static (r, c, rng) =>
            {
                uint msb = c.Field(16, 5), lsb = c.Field(7, 5);
                if (msb < lsb)
                {
                    c.SetField(16, 5, lsb);
                    c.SetField(7, 5, msb);
                }
            }),
        new("SBFX/UBFX lsb + width > 32", "UNPREDICTABLE; the width is redrawn to fit",
            static r => r.Mnemonic is "SBFX" or "UBFX",
            static (r, c, rng) =>
            {
                uint lsb = c.Field(7, 5);
                if (lsb + c.Field(16, 5) > 31)
                {
                    c.SetField(16, 5, (uint)rng.Next((int)(32 - lsb)));
                }
            }),
    ];

    /// <summary>Results the oracle cannot judge; checked after both CPUs ran.</summary>
    public static readonly OutcomeRule[] OutcomeRules =
    [
        new("access outside the mapped pages",
            "Unicorn maps only the code and data pages, our board has RAM (and its low alias) elsewhere; when Unicorn reports an unmapped access and our core completed, the case is not comparable. (When our core took a data abort, both faulted and the case agrees.)",
            static (c, ours, theirs) => theirs.Outcome == CaseOutcome.Unmapped && ours.Outcome == CaseOutcome.Completed),
        new("ARM-state PC with bits 1:0 = 10",
            "ALUWritePC, LoadWritePC or BXWritePC with a value whose bits 1:0 are 10 is UNPREDICTABLE; QEMU keeps bit 1 in the PC, the A9 model clears it",
            static (c, ours, theirs) => theirs.Outcome == CaseOutcome.Completed && (theirs.Cpsr & 0x20) == 0 && (theirs.R[15] & 3) != 0),
        new("privileged: a mode change to Monitor",
            "CPS, MSR or an exception return that selects Monitor mode (0x16): our board has no Security Extensions model to speak of (no Secure monitor, SMC UNDEFINED) and enters the mode; Unicorn runs Non-secure, where QEMU refuses the switch. Reserved in an A9 without Security Extensions, so UNPREDICTABLE",
            static (c, ours, theirs) => c.Mode != FuzzCase.UserMode && ours.Outcome == CaseOutcome.Completed && (ours.Cpsr & 0x1F) == 0x16),
    ];

    /// <summary>
    /// CPSR bits compared after a completed instruction. Every bit is compared: N Z C V Q (31:27), IT (26:25,
    /// 15:10, always 0 in ARM state), J (24), the reserved bits 23:20, GE (19:16), E (9), A I F (8:6), T (5)
    /// and M (4:0).
    /// </summary>
    public const uint CpsrCompareMask = 0xFFFF_FFFF;

    /// <summary>The reason a row is excluded from the privileged campaign, or null.</summary>
    public static string? PrivilegedExcludedRowReason(string rowName)
    {
        foreach ((string row, string reason) in PrivilegedExcludedRows)
        {
            if (row == rowName)
            {
                return reason;
            }
        }
        return ExcludedRowReason(rowName);
    }

    /// <summary>
    /// SPSR bits compared in the privileged campaign: all but bit 20. ARMv7 reserves SPSR bits 23:20 (our core keeps
    /// them zero); QEMU 5.0's MSR SPSR mask keeps bit 20 (ARMv8's PSTATE.IL) writable, a QEMU deviation for an ARMv7 core.
    /// Exception returns restore SPSRs whose bit 20 is clear (FuzzValues.ExceptionReturnPsr), so CPSR is unaffected.
    /// </summary>
    public const uint SpsrCompareMask = ~(1u << 20);

    /// <summary>The reason a row is excluded, or null.</summary>
    public static string? ExcludedRowReason(string rowName)
    {
        foreach ((string row, string reason) in ExcludedRows)
        {
            if (row == rowName)
            {
                return reason;
            }
        }
        return null;
    }

    private static void AvoidPcInRegisterFields(RowInfo r, FuzzCase c, Random rng)
    {
        foreach (int at in (ReadOnlySpan<int>)[0, 8, 12, 16])
        {
            if ((r.RegisterFieldMask & (15u << at)) != 0)
            {
                c.AvoidReg(rng, at, Pc);
            }
        }
    }

    private static void FixInterworkingTarget(FuzzCase c, int reg, Random rng)
    {
        if (reg != 15 && (c.Regs[reg] & 3) == 2)
        {
            c.Regs[reg] = rng.Next(2) == 0 ? c.Regs[reg] & ~3u : c.Regs[reg] | 1;
        }
    }

    private static void AlignLoadToPc(RowInfo r, FuzzCase c, Random rng)
    {
        if (c.Reg(FuzzCase.Rt) != 15)
        {
            return;
        }
        int n = c.Reg(FuzzCase.Rn);
        if (r.IsRegisterOffset)
        {
            c.AvoidReg(rng, FuzzCase.Rm, Pc | (1 << n));
            if (n == 15)
            {
                c.SetReg(FuzzCase.Rt, FuzzCase.PickRegister(rng, Pc)); // PC-relative with a shifted register: keep it simple
                return;
            }
        }
        else if (n == 15)
        {
            c.SetField(0, 2, 0); // literal: PC + 8 is aligned, so align imm12
            return;
        }
        uint offset = r.IsRegisterOffset
            ? FuzzValues.ShiftForAddress(c.Regs[c.Reg(FuzzCase.Rm)], c.Field(5, 2), (int)c.Field(7, 5), (c.Flags >> 29) & 1)
            : c.Field(0, 12);
        uint low = r.IsPostIndexed ? 0 : (c.Bit(23) ? 0u - offset : offset) & 3;
        c.Regs[n] = (c.Regs[n] & ~3u) | low;
    }

    private static void FixDual(RowInfo r, FuzzCase c, Random rng)
    {
        int t = c.Reg(FuzzCase.Rt) & ~1;
        if (t == 14)
        {
            t = 2 * rng.Next(7);
        }
        c.SetReg(FuzzCase.Rt, t);
        int pair = (1 << t) | (1 << (t + 1));
        if (r.WritesBack)
        {
            c.AvoidReg(rng, FuzzCase.Rn, Pc | pair);
        }
        if (r.IsRegisterOffset)
        {
            c.AvoidReg(rng, FuzzCase.Rm, r.IsLoad ? Pc | pair : Pc);
        }
    }

    private static void AlignWordPairs(RowInfo r, FuzzCase c)
    {
        int n = c.Reg(FuzzCase.Rn);
        if (n != 15)
        {
            c.Regs[n] &= ~3u;
        }
        if (r.Family == RowFamily.LoadStoreDual)
        {
            if (r.IsRegisterOffset)
            {
                c.Regs[c.Reg(FuzzCase.Rm)] &= ~3u;
            }
            else
            {
                c.SetField(0, 2, 0); // imm4L<1:0>
            }
        }
    }

    private static void FixMultiple(FuzzCase c, Random rng)
    {
        c.AvoidReg(rng, FuzzCase.Rn, Pc);
        int n = c.Reg(FuzzCase.Rn);
        uint list = c.Field(0, 16);
        bool wback = c.Bit(21);
        bool load = c.Bit(20);
        if (wback && (list & (1u << n)) != 0)
        {
            bool lowest = (list & ((1u << n) - 1)) == 0;
            if (load || !lowest)
            {
                list &= ~(1u << n);
            }
        }
        if (list == 0)
        {
            list = 1u << FuzzCase.PickRegister(rng, (wback ? 1 << n : 0) | Pc);
        }
        c.SetField(0, 16, list); // bit 15 is never changed here: the user-bank and exception-return rows fix it
    }

    private static readonly uint[] s_spsrModes = [0x11, 0x12, 0x13, 0x17, 0x1B];

    private static void MoveOutOfSystemMode(RowInfo r, FuzzCase c, Random rng)
    {
        if (c.Mode != FuzzCase.SystemMode)
        {
            return;
        }
        bool needsSpsr = r.Name is "LDM (user)" or "STM (user)" or "LDM (exception return)"
            || (r.Mnemonic is "MRS" or "MSR" && c.Bit(22))
            || (r.Family == RowFamily.DataProcessing && (r.RegisterFieldMask & (15u << 12)) != 0 && c.Reg(FuzzCase.Rd) == 15);
        if (needsSpsr)
        {
            c.Mode = s_spsrModes[rng.Next(s_spsrModes.Length)];
        }
    }

    private static void FixSrs(FuzzCase c, Random rng)
    {
        if (c.Mode == FuzzCase.UserMode)
        {
            return; // the User-mode campaign compares SRS as UNDEFINED
        }
        uint mode = FuzzCase.BankModes[rng.Next(FuzzCase.BankModes.Length)];
        c.SetField(0, 5, mode);
        int bank = FuzzCase.BankOf(mode);
        c.BankSp[bank] = FuzzValues.DataPointer(rng) & ~3u;
        if (bank == FuzzCase.BankOf(c.Mode))
        {
            c.Regs[13] = c.BankSp[bank];
        }
    }

    private static void FixRfe(FuzzCase c, Random rng)
    {
        if (c.Mode == FuzzCase.UserMode)
        {
            return; // the User-mode campaign compares RFE as UNDEFINED
        }
        c.AvoidReg(rng, FuzzCase.Rn, Pc);
        int n = c.Reg(FuzzCase.Rn);
        uint rn = FuzzValues.DataPointer(rng) & ~3u;
        c.Regs[n] = rn;
        bool p = c.Bit(24), u = c.Bit(23);
        uint address = (u ? rn : rn - 8) + (p == u ? 4u : 0u);
        c.HasPatch = true;
        c.PatchAddress = address;
        c.PatchPc = FuzzValues.DataPointer(rng) & ~3u;
        c.PatchValue = FuzzValues.ExceptionReturnPsr(rng);
    }

    private static void FixCps(FuzzCase c, Random rng)
    {
        uint imod = c.Field(18, 2);
        if (imod == 1)
        {
            imod = rng.Next(3) switch { 0 => 0u, 1 => 2u, _ => 3u };
        }
        c.SetField(18, 2, imod);
        if (imod == 0)
        {
            c.SetBit(17, true);
            c.SetField(6, 3, 0);
        }
        else if (c.Field(6, 3) == 0)
        {
            c.SetField(6, 3, (uint)rng.Next(1, 8));
        }
        if (!c.Bit(17))
        {
            c.SetField(0, 5, 0);
        }
    }
}
