// The one list of everything the Thumb differential fuzzer does not compare, or bends to keep comparable, with the reason for each.
using System;
using System.Numerics;

namespace Codezero.Tests.Differential;

/// <summary>
/// Everything the Thumb differential fuzzer (<see cref="ThumbFuzzCampaign"/>) leaves out or bends, in one place, as
/// <see cref="FuzzExclusions"/> does for A32. The oracle is the same Unicorn 2.0.1 (QEMU 5.0) Cortex-A9, run in User
/// mode and Thumb state. Every rule is keyed by a row's name, mnemonic or family (<see cref="ThumbRowInfo"/>), so rows
/// added to the table later are drawn and compared without changes here. Preference order as for A32: fix the operands,
/// then skip an outcome, then exclude a row.
/// </summary>
internal static class ThumbExclusions
{
    private const int Pc = 1 << 15;

    /// <summary>
    /// How the harness drives Unicorn in Thumb state and how the comparison is bent, and why (the code that does it
    /// names the entry). The first entries are facts about Unicorn 2.0.1 found by experiment and checked by
    /// <see cref="ThumbUnicornSteppingTests"/>.
    /// </summary>
    public static readonly (string Adjustment, string Reason)[] OracleAdjustments =
    [
        ("Thumb state is entered through the PC",
            "Unicorn takes the state from CPSR.T on a CPSR write and from bit 0 on a PC write (uc_reg_write of PC, and uc_emu_start's begin address), the later write winning; a CPSR write also sets ITSTATE. The runner writes CPSR (with T and the case's ITSTATE), then the PC with bit 0 set, and starts every step at pc | 1"),
        ("steps stop at an address, not after a count",
            "Unicorn's instruction count (uc_emu_start's count) is not honoured inside an IT block: a count of 1 from the IT instruction, or from any instruction of the block, runs to the end of the block (QEMU does not end a translation block there, and the count hook cannot stop it). Stopping at an address (uc_emu_start's until) works at every instruction, inside IT blocks too, and Unicorn then reports the block's ITSTATE in CPSR bits 26:25 and 15:10. So each step runs Unicorn until the address our core went to; the count of 1 stays only as a safety net for a step that disagrees"),
        ("each instruction of a case is compared after its step",
            "registers r0-r15, the whole CPSR (NZCV, Q, GE, E, T, mode and the ITSTATE of the next instruction) and TPIDRURW are compared after every step, so an IT block is checked instruction by instruction; memory is compared once, after the last step"),
        ("a branch to its own address is stepped by count",
            "until cannot name the address a step starts at (Unicorn would stop before executing anything); such a step uses the count of 1, which works outside IT blocks (a branch inside one is its last instruction), and the engine is rebuilt after it"),
        ("the engine is rebuilt after a step that did not stop at its address",
            "after a stop by count or an error, Unicorn 2.0.1 has been seen to ignore later counts (see FuzzExclusions, 'branches to Thumb are compared'); a fresh engine keeps every case independent"),
        ("exceptions compared by kind, return address, saved CPSR and r0-r12",
            "Unicorn's interrupt hook (and UC_ERR_INSN_INVALID for UNDEFINED) stops before QEMU enters the exception, with the PC at the faulting instruction (UNDEFINED, BKPT, data abort) or after it (SVC) and the CPSR holding the ITSTATE the exception saves (the instruction's own for faults, the next one's for SVC). Our core enters the exception; its LR less the Thumb offset (UNDEFINED 2, SVC 0, prefetch abort/BKPT 4, data abort 8) and its SPSR are compared with Unicorn's PC and CPSR, and r0-r12 with Unicorn's (not after a data abort: registers an LDM/POP loaded before the abort are UNKNOWN)"),
        ("Unicorn 'unmapped' agrees with our data abort",
            "as for A32: Unicorn reports an access outside its pages as UC_ERR_READ/WRITE_UNMAPPED where our board raises a synchronous external abort; nothing else is compared then"),
        ("IT blocks are built around the instruction under test",
            "a quarter of the cases put the instruction under test inside an IT block: an IT with a random condition (AL one time in eight, then with an all-T mask) and mask, the instruction at a random position (branches last, as the architecture requires, and the mnemonics of LastInItBlock), the other positions filled with T16 instructions that do not touch memory: before it CMP/CMN/TST (which set flags inside a block, so later conditions vary), after it ADD/SUB #imm8, EOR, ADC (which keep what the instruction under test wrote visible). A quarter of those enter the block in the middle instead, with the ITSTATE in the starting CPSR and no IT instruction, as an exception return into a block does. The IT row itself, drawn as the instruction under test, heads a block of filler instructions"),
        ("the instruction under test starts at either halfword alignment",
            "the program starts at the code address or two bytes after it, so Align(PC, 4) (literal loads, ADR, BLX immediate) is exercised both ways"),
        ("T32 UNPREDICTABLE forms are redrawn",
            "T32 rows are written in parallel with this fuzzer and their UNPREDICTABLE forms (mostly SP or PC as a register operand) are not listed here one by one: when a T32 row lowers the drawn word to UNDEFINED, the generator redraws its fields up to four times, so most cases execute; what remains meets the outcome rule 'T32: UNPREDICTABLE form our table lowers to UNDEFINED'. T16 rows are not redrawn: their UNPREDICTABLE forms are avoided by the operand rules below, and any other UNDEFINED of ours against an executing Unicorn is a mismatch"),
        ("TPIDRURW/TPIDRURO are case state",
            "as for A32: each case sets both on both sides and compares TPIDRURW after every step"),
        ("SETEND is compared, and E is random at the start",
            "as for A32: one case in eight starts with CPSR.E = 1 (big-endian data accesses)"),
        ("no CPSR bit is masked",
            "see CpsrCompareMask: every bit, ITSTATE included, agrees in User mode"),
    ];

    /// <summary>Mnemonics (of T16 and T32 rows alike) never compared.</summary>
    public static readonly (string Mnemonic, string Reason)[] ExcludedMnemonics =
    [
        ("WFI", "as for A32: our core sleeps (Waiting), Unicorn returns at once"),
        ("WFE", "as for A32: Unicorn stops with UC_ERR_INSN_INVALID after executing it (QEMU's EXCP_YIELD)"),
        ("YIELD", "as for A32: Unicorn stops with UC_ERR_INSN_INVALID after executing it (QEMU's EXCP_YIELD)"),
        ("SEV", "as for A32: signals every core's event register, which the oracle cannot observe"),
        ("STREX", "as for A32: the result depends on the exclusive monitor, which the two sides cannot keep in step across exceptions"),
        ("STREXB", "exclusive monitor state, as STREX"),
        ("STREXH", "exclusive monitor state, as STREX"),
        ("STREXD", "exclusive monitor state, as STREX"),
    ];

    /// <summary>Rows never compared, by the start of their name (for rows whose mnemonic also names comparable ones).</summary>
    public static readonly (string RowName, string Reason)[] ExcludedRows =
    [
        ("SUBS PC, LR", "an exception return; in User mode (no SPSR) it is UNPREDICTABLE: QEMU 5.0 raises UNDEFINED, our core returns with the SPSR it reads as 0 (see FuzzExclusions, 'DP S-form writing PC', which keeps the A32 forms out of User mode for the same reason). The User-mode Thumb campaign cannot judge it"),
    ];

    /// <summary>Mnemonics put last when they are drawn inside an IT block (branches are put last anyway).</summary>
    public static readonly (string Mnemonic, string Reason)[] LastInItBlock =
    [
        ("ISB", "QEMU 5.0 ends its translation block after an ISB without saving ITSTATE, so the rest of the block runs unconditionally (a QEMU deviation, found by this fuzzer: seed 11 case 5640); last in a block, the ITSTATE after it is 0 on both"),
    ];

    /// <summary>Mnemonics never put last in an IT block (a block with one of them has at least two instructions).</summary>
    public static readonly (string Mnemonic, string Reason)[] NotLastInItBlock =
    [
        ("MRC", "an MRC/MCR with an access check (PMUSERENR at PL0) as the last instruction of an IT block leaves its own ITSTATE in QEMU 5.0's CPSR afterwards instead of 0 (it saves ITSTATE for the check's possible exception, and at the end of the block gen_set_condexec writes nothing: a QEMU deviation, found by this fuzzer: seed 11 case 181653); anywhere else in a block both agree"),
        ("MCR", "as MRC"),
    ];

    /// <summary>Mnemonics never put inside an IT block (they are compared outside one).</summary>
    public static readonly (string Mnemonic, string Reason)[] NotInItBlock =
    [
        ("IT", "IT inside an IT block is UNPREDICTABLE: our table lowers it to UNDEFINED, QEMU 5.0 starts a new block. The IT row drawn as the instruction under test heads its own block instead"),
        ("CBZ", "UNPREDICTABLE inside an IT block (ARM ARM A8.8.29); QEMU 5.0 and our core both execute it, conditionally"),
        ("CBNZ", "as CBZ"),
        ("CPS", "UNPREDICTABLE inside an IT block: our table lowers it to UNDEFINED, QEMU 5.0 executes it (a NOP in User mode)"),
        ("SETEND", "UNPREDICTABLE inside an IT block: our table lowers it to UNDEFINED, QEMU 5.0 executes it"),
    ];

    /// <summary>Rules applied, in this order, to the instruction under test of every generated case whose row they apply to.</summary>
    public static readonly ThumbOperandRule[] OperandRules =
    [
        new("T32 register fields given twice",
            "REV, REV16, RBIT, REVSH and CLZ (T32) encode Rm twice, and 'if !Consistent(Rm) then UNPREDICTABLE' (our table lowers an inconsistent pair to UNDEFINED, QEMU 5.0 uses one copy): the copies are made equal (ThumbRowInfo.IsRepeated)",
            static r => r.Is32,
            static (r, c, rng) =>
            {
                foreach (char letter in r.RepeatedRegisters())
                {
                    c.SetReg(r, letter, c.Reg(r, letter));
                }
            }),
        new("IT firstcond and mask",
            "firstcond = 1111, and firstcond = 1110 (AL) with BitCount(mask) != 1, are UNPREDICTABLE (ARM ARM A8.8.54): firstcond 1111 is redrawn, an AL mask becomes one set bit (ITT AL ... ITTTT AL). With mask 0000 the encoding is a hint: YIELD, WFE, WFI and SEV are replaced by NOP or an unallocated hint (see ExcludedMnemonics)",
            static r => r.Family == ThumbFamily.It && !r.Is32,
            static (r, c, rng) => FixIt(c, rng)),
        new("ADD (high reg) with Rdn = Rm = PC, or Rdn = PC before the end of an IT block",
            "d == 15 && m == 15 is UNPREDICTABLE, and so is d == 15 inside an IT block but not last",
            static r => r.Name == "ADD (high reg) T16",
            static (r, c, rng) =>
            {
                if (c.Reg(r, 'd') == 15 && (c.Reg(r, 'm') == 15 || !c.LastInBlock))
                {
                    c.AvoidReg(r, c.LastInBlock ? 'm' : 'd', rng, Pc);
                }
            }),
        new("CMP (high reg) register choices",
            "n < 8 && m < 8 and n == 15 || m == 15 are UNPREDICTABLE: PC is replaced, and one of two low registers becomes a high one (r8-r14)",
            static r => r.Name == "CMP (high reg) T16",
            static (r, c, rng) =>
            {
                c.AvoidReg(r, 'n', rng, Pc);
                c.AvoidReg(r, 'm', rng, Pc);
                if (c.Reg(r, 'n') < 8 && c.Reg(r, 'm') < 8)
                {
                    c.SetReg(r, rng.Next(2) == 0 ? 'n' : 'm', rng.Next(8, 15));
                }
            }),
        new("MOV (high reg) Rd = PC before the end of an IT block", "UNPREDICTABLE (d == 15 && InITBlock() && !LastInITBlock())",
            static r => r.Name == "MOV (high reg) T16",
            static (r, c, rng) =>
            {
                if (!c.LastInBlock)
                {
                    c.AvoidReg(r, 'd', rng, Pc);
                }
            }),
        new("BLX (register) Rm = PC", "UNPREDICTABLE",
            static r => r.Family == ThumbFamily.BranchExchange && r.Mnemonic == "BLX",
            static (r, c, rng) => c.AvoidReg(r, 'm', rng, Pc)),
        new("interworking target <1:0> = 10",
            "as for A32: BXWritePC to an address with bits 1:0 = 10 is UNPREDICTABLE; the target register gets bit 1 cleared or bit 0 set",
            static r => r.Family == ThumbFamily.BranchExchange,
            static (r, c, rng) => FixInterworkingTarget(c, r.HasRegister('m') ? c.Reg(r, 'm') : 15, rng)),
        new("LDM/STM/PUSH/POP (T16) register lists",
            "an empty list is UNPREDICTABLE (BitCount(registers) < 1); STM with Rn in the list but not its lowest register stores an UNKNOWN value; POP of PC inside an IT block but not last is UNPREDICTABLE",
            static r => r.Family == ThumbFamily.LoadStoreMultiple && !r.Is32,
            static (r, c, rng) => FixList16(r, c, rng)),
        new("T32 loads of PC before the end of an IT block",
            "LDM/LDMDB/POP with PC in the list, and LDR/POP (single) with Rt = PC, inside an IT block but not last are UNPREDICTABLE (our core raises UNDEFINED, QEMU 5.0 branches): PC is taken out of the list (its p bit), or Rt is redrawn",
            static r => r.Is32 && (r.Family == ThumbFamily.LoadStoreMultiple || (r.Family == ThumbFamily.LoadStore && r.Mnemonic.StartsWith("LDR", StringComparison.Ordinal))),
            static (r, c, rng) =>
            {
                if (c.LastInBlock)
                {
                    return;
                }
                if (r.Width('p') == 1)
                {
                    c.Word = r.Set(c.Word, 'p', 0);
                }
                if (r.HasRegister('t'))
                {
                    c.AvoidReg(r, 't', rng, Pc);
                }
            }),
        new("CPS (T16) with A:I:F = 000", "UNPREDICTABLE; one of A, I, F is set",
            static r => r.Mnemonic == "CPS" && !r.Is32,
            static (r, c, rng) =>
            {
                if (c.Bits(2, 0) == 0)
                {
                    c.SetBits(2, 0, (uint)rng.Next(1, 8));
                }
            }),
        new("MCR/MRC: CP15 registers an A9 has",
            "as for A32 (random fields would almost never name one): three times in four, opc1/CRn/CRm/opc2 name one of them; the T32 encoding keeps them at A32's bit positions (hw1:hw2). MCR with Rt = PC is UNPREDICTABLE",
            static r => r.Family == ThumbFamily.Coprocessor && r.Is32 && r.Mnemonic is "MCR" or "MRC",
            static (r, c, rng) =>
            {
                if (c.Bits(11, 8) == 15 && rng.Next(4) != 0)
                {
                    (uint opc1, uint crn, uint crm, uint opc2) = FuzzValues.Cp15Register(rng);
                    c.SetBits(23, 21, opc1);
                    c.SetBits(19, 16, crn);
                    c.SetBits(3, 0, crm);
                    c.SetBits(7, 5, opc2);
                }
                if (r.Mnemonic == "MCR" && c.Bits(15, 12) == 15)
                {
                    c.SetBits(15, 12, (uint)rng.Next(15));
                }
            }),
        new("LDM/STM/PUSH/POP, LDRD/STRD address alignment",
            "as for A32: ARMv7 requires word alignment (alignment fault otherwise) and Unicorn 2.0 (QEMU 5.0) performs the access instead; the base register (SP for PUSH/POP) is made word-aligned",
            static r => r.Family is ThumbFamily.LoadStoreMultiple or ThumbFamily.LoadStoreDual,
            static (r, c, rng) => AlignBase(r, c)),
    ];

    /// <summary>Results the oracle cannot judge; checked after every step, before the comparison.</summary>
    public static readonly ThumbOutcomeRule[] OutcomeRules =
    [
        new("access outside the mapped pages",
            "as for A32: Unicorn maps only the code and data pages, our board has RAM elsewhere; when Unicorn reports an unmapped access and our core completed, the case is not comparable",
            static (c, step, ours, theirs) => theirs.Outcome == CaseOutcome.Unmapped && ours.Outcome == CaseOutcome.Completed),
        new("ARM-state PC with bits 1:0 = 10",
            "as for A32: BXWritePC/LoadWritePC to an ARM-state address with bits 1:0 = 10 is UNPREDICTABLE (QEMU keeps bit 1, the A9 model clears it): BX PC from a halfword-aligned address, POP/LDR of PC loading such a value",
            static (c, step, ours, theirs) => ArmStatePcBit1(ours) || ArmStatePcBit1(theirs)),
        new("BX PC from a halfword-aligned address",
            "BX PC branches to ARM state at the instruction's address + 4; from an address with bit 1 set that target has bits 1:0 = 10, UNPREDICTABLE (our core clears bit 1, QEMU keeps it and runs ARM code from there)",
            static (c, step, ours, theirs) => step.Insn == 0x4778 && (step.Address & 2) != 0),
        new("PC written before the last instruction of an IT block",
            "a branch, or any write to the PC, inside an IT block but not last is UNPREDICTABLE; the generator puts branch rows last and keeps PC out of T32 loads there, and this catches the other PC writes (MOV/ADD PC, ...): our core branched, or our core raised UNDEFINED (its treatment of some of these forms) where Unicorn branched",
            static (c, step, ours, theirs) => step.ItBefore != 0 && (step.ItBefore & 7) != 0
                && ((ours.Outcome == CaseOutcome.Completed && ours.R[15] != step.Sequential)
                    || (ours.Outcome == CaseOutcome.Undefined && theirs.Outcome == CaseOutcome.Completed && theirs.R[15] != step.Sequential))),
        new("T32: UNPREDICTABLE form our table lowers to UNDEFINED",
            "see OracleAdjustments, 'T32 UNPREDICTABLE forms are redrawn': the instruction under test is a T32 word its row lowers to UNDEFINED (the table's treatment of UNPREDICTABLE), ours raised UNDEFINED and Unicorn executed it (inside an IT block, where the count does not stop Unicorn, a form writing the PC may run on into random bytes and raise UNDEFINED there: an UNDEFINED elsewhere counts as executed). Only rows with field bits meet it (a row with none has no UNPREDICTABLE form: its UNDEFINED is a mismatch), never UDF or T16 rows; counted per row in the report, and EveryThumbRowIsDrawnAndCompared fails for a row none of whose cases with a passing condition were compared",
            static (c, step, ours, theirs) => step.IsTest && ThumbCase.Is32(step.Insn) && c.UnpredictableByTable
                && ours.Outcome == CaseOutcome.Undefined && (theirs.Outcome != CaseOutcome.Undefined || theirs.R[15] != step.Address)),
    ];

    /// <summary>CPSR bits compared after every step: all of them (NZCV Q, IT, J, GE, E, A I F, T, M).</summary>
    public const uint CpsrCompareMask = 0xFFFF_FFFF;

    /// <summary>The reason <paramref name="row"/> is excluded (by its mnemonic or its name), or null.</summary>
    public static string? ExcludedReason(ThumbRowInfo row)
    {
        foreach ((string m, string reason) in ExcludedMnemonics)
        {
            if (m == row.Mnemonic)
            {
                return reason;
            }
        }
        foreach ((string name, string reason) in ExcludedRows)
        {
            if (row.Name.StartsWith(name, StringComparison.Ordinal))
            {
                return reason;
            }
        }
        return null;
    }

    /// <summary>True when rows of <paramref name="mnemonic"/> are never the last instruction of an IT block.</summary>
    public static bool NeverLastInItBlock(string mnemonic)
    {
        foreach ((string m, _) in NotLastInItBlock)
        {
            if (m == mnemonic)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when rows of <paramref name="mnemonic"/> go last when put inside an IT block.</summary>
    public static bool GoesLastInItBlock(string mnemonic)
    {
        foreach ((string m, _) in LastInItBlock)
        {
            if (m == mnemonic)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when rows of <paramref name="mnemonic"/> may be put inside an IT block.</summary>
    public static bool AllowedInItBlock(string mnemonic)
    {
        foreach ((string m, _) in NotInItBlock)
        {
            if (m == mnemonic)
            {
                return false;
            }
        }
        return true;
    }

    private static void FixIt(ThumbCase c, Random rng)
    {
        uint firstCond = c.Bits(7, 4), mask = c.Bits(3, 0);
        if (mask == 0)
        {
            if (firstCond is >= 1 and <= 4)
            {
                c.SetBits(7, 4, rng.Next(2) == 0 ? 0u : (uint)rng.Next(5, 16)); // NOP, or a hint that executes as NOP
            }
            return;
        }
        if (firstCond == 15)
        {
            firstCond = (uint)rng.Next(15);
            c.SetBits(7, 4, firstCond);
        }
        if (firstCond == 14 && BitOperations.PopCount(mask) != 1)
        {
            c.SetBits(3, 0, 1u << rng.Next(4));
        }
    }

    private static void FixInterworkingTarget(ThumbCase c, int reg, Random rng)
    {
        if (reg != 15 && (c.Regs[reg] & 3) == 2)
        {
            c.Regs[reg] = rng.Next(2) == 0 ? c.Regs[reg] & ~3u : c.Regs[reg] | 1;
        }
    }

    private static void FixList16(ThumbRowInfo r, ThumbCase c, Random rng)
    {
        bool pushPop = r.Mnemonic is "PUSH" or "POP";
        uint list = c.Bits(7, 0);
        if (r.Mnemonic == "POP" && c.Bit(8) && !c.LastInBlock)
        {
            c.SetBits(8, 8, 0); // no PC before the end of an IT block
        }
        if (r.Mnemonic == "STM")
        {
            int n = c.Reg(r, 'n');
            bool lowest = (list & ((1u << n) - 1)) == 0;
            if ((list & (1u << n)) != 0 && !lowest)
            {
                list &= ~(1u << n);
            }
        }
        bool extra = pushPop && c.Bit(8); // LR for PUSH, PC for POP
        if (list == 0 && !extra)
        {
            list = 1u << rng.Next(8);
            if (r.Mnemonic == "STM" && list == 1u << c.Reg(r, 'n'))
            {
                list = 1u << ((c.Reg(r, 'n') + 1 + rng.Next(7)) & 7); // any other register
            }
        }
        c.SetBits(7, 0, list);
    }

    private static void AlignBase(ThumbRowInfo r, ThumbCase c)
    {
        int n = r.Mnemonic is "PUSH" or "POP" ? 13 : r.HasRegister('n') ? c.Reg(r, 'n') : -1;
        if (n is >= 0 and < 15)
        {
            c.Regs[n] &= ~3u;
        }
    }

    private static bool ArmStatePcBit1(CpuSnapshot s) => s.Outcome == CaseOutcome.Completed && (s.Cpsr & 0x20) == 0 && (s.R[15] & 3) != 0;
}
