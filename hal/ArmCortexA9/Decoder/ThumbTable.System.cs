// Table rows: T32 status registers, hints, barriers, exception return and generation (A6.3.4), RFE/SRS (A6.3.5), coprocessors (A6.3.18).
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa.Thumb;
using static Codezero.Hal.ArmCortexA9.Decoder.A32Words;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// Every row lowers onto the A32 handler of the same instruction (the A32 word is built from the fields);
/// CPS, SUBS PC, LR and RFE go through <see cref="ThumbSystem"/>, which adds the IT-block rule first.
/// Not listed, hence UNDEFINED on the A9: the banked MRS/MSR forms and HVC (Virtualization Extensions),
/// ENTERX/LEAVEX (ThumbEE state is not modelled), MCRR/MRRC, LDC/STC, CDP and the "2" forms (no A32 twin: only
/// MCR/MRC to CP15 are modelled), and every CP14 or CP10/CP11 (VFP, NEON) encoding.
/// </summary>
public static unsafe partial class ThumbTable
{
    static partial void AddT32System(List<ThumbRow> rows)
    {
        // Branches and miscellaneous control with op = 011100x .. 0111111 (hw1 = 1111 0011 1xxx, hw2 = 10x0 ....)
        rows.Add(new ThumbRow("MSR (reg) T1", "1111 0011 100 r nnnn 10 0 0 mmmm 0000 0000", &MoveToStatusRegister32));
        rows.Add(new ThumbRow("MRS T1", "1111 0011 111 r 1111 10 0 0 dddd 0000 0000", &MoveFromStatusRegister32));
        rows.Add(new ThumbRow("CPS.W T2", "1111 0011 1010 1111 10 0 0 0 ooo aif mmmmm", &ChangeProcessorState32));
        rows.Add(new ThumbRow("NOP-compatible hint T32", "1111 0011 1010 1111 10 0 0 0 000 hhhh hhhh", &Hint32));
        rows.Add(new ThumbRow("NOP.W T2", "1111 0011 1010 1111 10 0 0 0 000 0000 0000", &Hint32));
        rows.Add(new ThumbRow("YIELD.W T2", "1111 0011 1010 1111 10 0 0 0 000 0000 0001", &Hint32));
        rows.Add(new ThumbRow("WFE.W T2", "1111 0011 1010 1111 10 0 0 0 000 0000 0010", &Hint32));
        rows.Add(new ThumbRow("WFI.W T2", "1111 0011 1010 1111 10 0 0 0 000 0000 0011", &Hint32));
        rows.Add(new ThumbRow("SEV.W T2", "1111 0011 1010 1111 10 0 0 0 000 0000 0100", &Hint32));
        rows.Add(new ThumbRow("DBG T1", "1111 0011 1010 1111 10 0 0 0 000 1111 oooo", &Hint32));
        rows.Add(new ThumbRow("CLREX T1", "1111 0011 1011 1111 10 0 0 1111 0010 1111", &Barrier32));
        rows.Add(new ThumbRow("DSB T1", "1111 0011 1011 1111 10 0 0 1111 0100 oooo", &Barrier32));
        rows.Add(new ThumbRow("DMB T1", "1111 0011 1011 1111 10 0 0 1111 0101 oooo", &Barrier32));
        rows.Add(new ThumbRow("ISB T1", "1111 0011 1011 1111 10 0 0 1111 0110 oooo", &Barrier32));
        rows.Add(new ThumbRow("SUBS PC, LR (imm) T1", "1111 0011 1101 1110 10 0 0 1111 iiii iiii", &ExceptionReturn32));
        rows.Add(new ThumbRow("SMC T1", "1111 0111 1111 iiii 1000 0000 0000 0000", &SecureMonitorCall32));
        rows.Add(new ThumbRow("UDF.W T2", "1111 0111 1111 iiii 1010 iiii iiii iiii", &Undefined));

        // Exception return and save from the load/store multiple class (A6.3.5): op = 00 DB, 11 IA
        rows.Add(new ThumbRow("RFEDB T1", "1110 1000 00 w 1 nnnn 1100 0000 0000 0000", &ReturnFromException32));
        rows.Add(new ThumbRow("RFEIA T2", "1110 1001 10 w 1 nnnn 1100 0000 0000 0000", &ReturnFromException32));
        rows.Add(new ThumbRow("SRSDB T1", "1110 1000 00 w 0 1101 1100 0000 000 mmmmm", &SaveReturnState32));
        rows.Add(new ThumbRow("SRSIA T2", "1110 1001 10 w 0 1101 1100 0000 000 mmmmm", &SaveReturnState32));

        // Coprocessor (A6.3.18): MCR/MRC to CP15 are bit for bit the A32 words with condition AL
        rows.Add(new ThumbRow("MCR p15 T1", "1110 1110 ooo 0 nnnn tttt 1111 ppp 1 mmmm", &Coprocessor32));
        rows.Add(new ThumbRow("MRC p15 T1", "1110 1110 ooo 1 nnnn tttt 1111 ppp 1 mmmm", &Coprocessor32));
    }

    // MSR <spec_reg>, <Rn>   (mask = 0 and Rn = SP or PC are UNPREDICTABLE; banked forms (hw2[5] = 1) have no row)
    private static LoweredInsn MoveToStatusRegister32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), mask = Bits(raw, 11, 8);
        if (mask == 0 || rn is 13 or 15)
        {
            return LoweredInsn.Undefined;
        }
        return Lower(Always | 0x0120_F000 | (Bits(raw, 20, 20) << 22) | (mask << 16) | rn);
    }

    // MRS <Rd>, <spec_reg>   (Rd = SP or PC is UNPREDICTABLE)
    private static LoweredInsn MoveFromStatusRegister32(uint raw, bool inItBlock)
    {
        uint rd = Bits(raw, 11, 8);
        return rd is 13 or 15 ? LoweredInsn.Undefined : Lower(Always | 0x010F_0000 | (Bits(raw, 20, 20) << 22) | (rd << 12));
    }

    // CPS<effect>.W <iflags>{, #<mode>} | CPS #<mode>   (imod:M = 000 is the hint space, which has its own rows)
    private static LoweredInsn ChangeProcessorState32(uint raw, bool inItBlock)
    {
        uint imod = Bits(raw, 10, 9), m = Bits(raw, 8, 8), flags = Bits(raw, 7, 5), mode = Bits(raw, 4, 0);
        bool unpredictable = imod == 1 || (mode != 0 && m == 0) || ((imod & 2) != 0) != (flags != 0);
        if (unpredictable || (imod == 0 && m == 0))
        {
            return LoweredInsn.Undefined;
        }
        return new LoweredInsn(&ThumbSystem.Cps, 0xF100_0000 | (imod << 18) | (m << 17) | (flags << 6) | mode);
    }

    // NOP.W, YIELD.W, WFE.W, WFI.W, SEV.W, DBG #<option> and the unallocated hints (the A32 hint of the same number)
    private static LoweredInsn Hint32(uint raw, bool inItBlock) => Lower(Always | 0x0320_F000 | Bits(raw, 7, 0));

    // CLREX | DSB #<option> | DMB #<option> | ISB #<option>   (the A32 word is 1111 0101 0111 1111 1111 0000 op option,
    // with the same op for the barriers but 0001 for CLREX, which T32 numbers 0010)
    private static LoweredInsn Barrier32(uint raw, bool inItBlock)
        => Lower(Bits(raw, 7, 4) == 0b0010 ? 0xF57F_F01Fu : 0xF57F_F000 | Bits(raw, 7, 0));

    // SUBS PC, LR, #<imm8>   (the A32 SUBS PC, LR, #imm8 with its exception return)
    private static LoweredInsn ExceptionReturn32(uint raw, bool inItBlock)
        => new(&ThumbSystem.SubsPcLr, DataProcessingImmediate(Sub, true, 14, 15, Bits(raw, 7, 0)));

    // SMC #<imm4>   (UNDEFINED without Secure-monitor firmware, as the A32 handler says)
    private static LoweredInsn SecureMonitorCall32(uint raw, bool inItBlock) => Lower(Always | 0x0160_0070 | Bits(raw, 19, 16));

    // RFE{DB,IA} <Rn>{!}   (Rn = PC is UNPREDICTABLE)
    private static LoweredInsn ReturnFromException32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16);
        if (rn == 15)
        {
            return LoweredInsn.Undefined;
        }
        return new LoweredInsn(&ThumbSystem.Rfe, 0xF810_0A00 | PuBits(raw) | (Bits(raw, 21, 21) << 21) | (rn << 16));
    }

    // SRS{DB,IA} SP{!}, #<mode>
    private static LoweredInsn SaveReturnState32(uint raw, bool inItBlock)
        => Lower(0xF84D_0500 | PuBits(raw) | (Bits(raw, 21, 21) << 21) | Bits(raw, 4, 0));

    /// <summary>A32 P and U (bits 24, 23) of RFE/SRS: hw1[8:7] is 00 for DB (P = 1, U = 0) and 11 for IA (P = 0, U = 1).</summary>
    private static uint PuBits(uint raw) => Bits(raw, 24, 24) == 0 ? 1u << 24 : 1u << 23;

    // MCR p15, <opc1>, <Rt>, <CRn>, <CRm>{, <opc2>} | MRC ...   (Rt = SP is UNPREDICTABLE in Thumb; MCR Rt = PC too)
    private static LoweredInsn Coprocessor32(uint raw, bool inItBlock)
    {
        uint rt = Bits(raw, 15, 12);
        bool read = Bits(raw, 20, 20) != 0;
        return rt == 13 || (rt == 15 && !read) ? LoweredInsn.Undefined : Lower(raw);
    }
}
