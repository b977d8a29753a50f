// Table rows: the T32 branches (ARM ARM A6.3.4: B, B<c>, BL, BLX, BXJ) and the table branches TBB/TBH (A6.3.6).
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa.Thumb;
using static Codezero.Hal.ArmCortexA9.Decoder.A32Words;

namespace Codezero.Hal.ArmCortexA9.Decoder;

public static unsafe partial class ThumbTable
{
    static partial void AddT32Branches(List<ThumbRow> rows)
    {
        // hw1 = 11110 S ..., hw2 = 1 op1(14:12) ...; B<c> with cond 111x is the miscellaneous control space
        // (ThumbTable.System), so its rows are more specific and the leftovers of that space stay UNDEFINED.
        rows.Add(new ThumbRow("B<c>.W T3", "11110 s cccc iiiiii 10 j 0 k iiiiiiiiiii", &ConditionalBranch32));
        rows.Add(new ThumbRow("B.W T4", "11110 s iiiiiiiiii 10 j 1 k iiiiiiiiiii", &Branch32));
        rows.Add(new ThumbRow("BL T1", "11110 s iiiiiiiiii 11 j 1 k iiiiiiiiiii", &Branch32));
        rows.Add(new ThumbRow("BLX (imm) T2", "11110 s iiiiiiiiii 11 j 0 k iiiiiiiiii 0", &Branch32)); // H = 1: UNDEFINED
        rows.Add(new ThumbRow("BXJ T1", "1111 0011 1100 mmmm 10 0 0 1111 0000 0000", &BranchExchangeJazelle32));

        // Table branch (A6.3.6, op1 = 01, op2 = 01, op3 = 000H)
        rows.Add(new ThumbRow("TBB T1", "1110 1000 1101 nnnn 1111 0000 0000 mmmm", &TableBranch32));
        rows.Add(new ThumbRow("TBH T1", "1110 1000 1101 nnnn 1111 0000 0001 mmmm", &TableBranch32));
    }

    /// <summary>
    /// The byte offset of B T4, BL and BLX: SignExtend(S:I1:I2:imm10:imm11:'0'), I1 = NOT(J1 XOR S),
    /// I2 = NOT(J2 XOR S). For BLX, imm11 holds imm10L:H with H = 0, which gives the same bits.
    /// </summary>
    internal static int BranchOffset24(uint raw)
    {
        uint s = Bits(raw, 26, 26), j1 = Bits(raw, 13, 13), j2 = Bits(raw, 11, 11);
        uint i1 = ~(j1 ^ s) & 1, i2 = ~(j2 ^ s) & 1;
        uint offset = (s << 24) | (i1 << 23) | (i2 << 22) | (Bits(raw, 25, 16) << 12) | (Bits(raw, 10, 0) << 1);
        return (int)(offset << 7) >> 7;
    }

    /// <summary>The byte offset of B&lt;c&gt; T3: SignExtend(S:J2:J1:imm6:imm11:'0').</summary>
    internal static int ConditionalBranchOffset20(uint raw)
    {
        uint offset = (Bits(raw, 26, 26) << 20) | (Bits(raw, 11, 11) << 19) | (Bits(raw, 13, 13) << 18)
                    | (Bits(raw, 21, 16) << 12) | (Bits(raw, 10, 0) << 1);
        return (int)(offset << 11) >> 11;
    }

    // B<c>.W <label>   (cond 111x belongs to the miscellaneous control space: what it leaves is UNDEFINED)
    private static LoweredInsn ConditionalBranch32(uint raw, bool inItBlock)
    {
        uint cond = Bits(raw, 25, 22);
        if (cond >= 14)
        {
            return LoweredInsn.Undefined;
        }
        return new LoweredInsn(&ThumbBranch.BConditionalWide, ThumbBranch.Word(cond, ConditionalBranchOffset20(raw)));
    }

    // B.W <label> | BL <label> | BLX <label>   (hw2[14] = link, hw2[12] = stay in Thumb)
    private static LoweredInsn Branch32(uint raw, bool inItBlock)
    {
        uint word = ThumbBranch.Word(14, BranchOffset24(raw));
        bool link = Bits(raw, 14, 14) != 0, thumb = Bits(raw, 12, 12) != 0;
        if (!link)
        {
            return new LoweredInsn(&ThumbBranch.BWide, word);
        }
        return thumb ? new LoweredInsn(&ThumbBranch.Bl, word) : new LoweredInsn(&ThumbBranch.BlxImmediate, word);
    }

    // BXJ <Rm>   (no Jazelle: the A32 BXJ, which is BX; Rm = SP or PC is UNPREDICTABLE)
    private static LoweredInsn BranchExchangeJazelle32(uint raw, bool inItBlock)
    {
        uint rm = Bits(raw, 19, 16);
        return rm is 13 or 15 ? LoweredInsn.Undefined : new LoweredInsn(&ThumbBranch.Bxj, Always | 0x012F_FF20 | rm);
    }

    // TBB [<Rn>, <Rm>] | TBH [<Rn>, <Rm>, LSL #1]   (Rn = SP, Rm = SP or PC are UNPREDICTABLE)
    private static LoweredInsn TableBranch32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rm = Bits(raw, 3, 0);
        if (rn == 13 || rm is 13 or 15)
        {
            return LoweredInsn.Undefined;
        }
        return Bits(raw, 4, 4) == 0 ? new LoweredInsn(&ThumbTableBranch.Tbb, raw) : new LoweredInsn(&ThumbTableBranch.Tbh, raw);
    }
}
