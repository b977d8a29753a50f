// Table rows: status registers, modes, exception generation, hints, barriers, preloads, synchronisation.
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa;

namespace Codezero.Hal.ArmCortexA9.Decoder;

public static unsafe partial class A32Table
{
    private static void AddSystem(List<A32Row> rows)
    {
        rows.Add(new A32Row("MRS", "cccc 0001 0r00 1111 dddd 0000 0000 0000", &StatusRegister.Mrs));
        rows.Add(new A32Row("MSR (reg)", "cccc 0001 0r10 mmmm 1111 0000 0000 nnnn", &StatusRegister.MsrRegister));
        rows.Add(new A32Row("MSR (imm)", "cccc 0011 0r10 mmmm 1111 rrrr iiii iiii", &StatusRegister.MsrImmediate));
        rows.Add(new A32Row("CPS", "1111 0001 0000 iim0 0000 000a if0m mmmm", &StatusRegister.Cps));
        rows.Add(new A32Row("SETEND", "1111 0001 0000 0001 0000 00e0 0000 0000", &StatusRegister.Setend));
        rows.Add(new A32Row("SRS", "1111 100p u1w0 1101 0000 0101 000m mmmm", &StatusRegister.Srs));
        rows.Add(new A32Row("RFE", "1111 100p u0w1 nnnn 0000 1010 0000 0000", &StatusRegister.Rfe));

        rows.Add(new A32Row("SVC", "cccc 1111 iiii iiii iiii iiii iiii iiii", &ExceptionGenerating.Svc));
        rows.Add(new A32Row("BKPT", "1110 0001 0010 iiii iiii iiii 0111 iiii", &ExceptionGenerating.Bkpt));
        rows.Add(new A32Row("SMC", "cccc 0001 0110 0000 0000 0000 0111 iiii", &ExceptionGenerating.Smc));

        // MSR (imm) with R = 0 and mask = 0 is the hint space; unallocated hints execute as NOP.
        rows.Add(new A32Row("NOP-compatible hint", "cccc 0011 0010 0000 1111 0000 hhhh hhhh", &Hints.Nop));
        rows.Add(new A32Row("NOP", "cccc 0011 0010 0000 1111 0000 0000 0000", &Hints.Nop));
        rows.Add(new A32Row("YIELD", "cccc 0011 0010 0000 1111 0000 0000 0001", &Hints.Nop));
        rows.Add(new A32Row("WFE", "cccc 0011 0010 0000 1111 0000 0000 0010", &Hints.Wfe));
        rows.Add(new A32Row("WFI", "cccc 0011 0010 0000 1111 0000 0000 0011", &Hints.Wfi));
        rows.Add(new A32Row("SEV", "cccc 0011 0010 0000 1111 0000 0000 0100", &Hints.Sev));
        rows.Add(new A32Row("DBG", "cccc 0011 0010 0000 1111 0000 1111 oooo", &Hints.Nop));

        rows.Add(new A32Row("CLREX", "1111 0101 0111 1111 1111 0000 0001 1111", &Hints.Clrex));
        rows.Add(new A32Row("DSB", "1111 0101 0111 1111 1111 0000 0100 oooo", &Hints.Barrier));
        rows.Add(new A32Row("DMB", "1111 0101 0111 1111 1111 0000 0101 oooo", &Hints.Barrier));
        rows.Add(new A32Row("ISB", "1111 0101 0111 1111 1111 0000 0110 oooo", &Hints.InstructionBarrier));
        rows.Add(new A32Row("PLD (imm)", "1111 0101 u101 nnnn 1111 iiii iiii iiii", &Hints.Nop));
        rows.Add(new A32Row("PLDW (imm)", "1111 0101 u001 nnnn 1111 iiii iiii iiii", &Hints.Nop));
        rows.Add(new A32Row("PLI (imm)", "1111 0100 u101 nnnn 1111 iiii iiii iiii", &Hints.Nop));
        rows.Add(new A32Row("PLD (reg)", "1111 0111 u101 nnnn 1111 iiii itt0 mmmm", &Hints.Nop));
        rows.Add(new A32Row("PLDW (reg)", "1111 0111 u001 nnnn 1111 iiii itt0 mmmm", &Hints.Nop));
        rows.Add(new A32Row("PLI (reg)", "1111 0110 u101 nnnn 1111 iiii itt0 mmmm", &Hints.Nop));

        rows.Add(new A32Row("SWP", "cccc 0001 0000 nnnn tttt 0000 1001 mmmm", &Synchronization.Swp));
        rows.Add(new A32Row("SWPB", "cccc 0001 0100 nnnn tttt 0000 1001 mmmm", &Synchronization.Swp));
        rows.Add(new A32Row("STREX", "cccc 0001 1000 nnnn dddd 1111 1001 tttt", &Synchronization.Strex));
        rows.Add(new A32Row("LDREX", "cccc 0001 1001 nnnn tttt 1111 1001 1111", &Synchronization.Ldrex));
        rows.Add(new A32Row("STREXD", "cccc 0001 1010 nnnn dddd 1111 1001 tttt", &Synchronization.Strexd));
        rows.Add(new A32Row("LDREXD", "cccc 0001 1011 nnnn tttt 1111 1001 1111", &Synchronization.Ldrexd));
        rows.Add(new A32Row("STREXB", "cccc 0001 1100 nnnn dddd 1111 1001 tttt", &Synchronization.Strexb));
        rows.Add(new A32Row("LDREXB", "cccc 0001 1101 nnnn tttt 1111 1001 1111", &Synchronization.Ldrexb));
        rows.Add(new A32Row("STREXH", "cccc 0001 1110 nnnn dddd 1111 1001 tttt", &Synchronization.Strexh));
        rows.Add(new A32Row("LDREXH", "cccc 0001 1111 nnnn tttt 1111 1001 1111", &Synchronization.Ldrexh));
    }

    private static void AddCoprocessor(List<A32Row> rows)
    {
        rows.Add(new A32Row("MCR p15", "cccc 1110 ooo0 nnnn tttt 1111 ppp1 mmmm", &Coprocessor.Mcr));
        rows.Add(new A32Row("MRC p15", "cccc 1110 ooo1 nnnn tttt 1111 ppp1 mmmm", &Coprocessor.Mrc));
    }
}
