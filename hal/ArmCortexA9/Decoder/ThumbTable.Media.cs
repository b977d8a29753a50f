// Table rows: T32 extensions, parallel add/subtract, miscellaneous operations, multiplies and long multiplies.
using System.Collections.Generic;
using static Codezero.Hal.ArmCortexA9.Decoder.A32Words;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// ARM ARM A6.3.12 (data processing (register): the extensions; the shifts are in ThumbTable.DataProcessing.cs),
/// A6.3.13-15 (parallel addition and subtraction, miscellaneous operations), A6.3.16 (multiply, multiply
/// accumulate, absolute difference) and A6.3.17 (long multiply). Every row lowers to its A32 twin: the fields
/// move from the T32 places (Rn hw1[3:0], Rd hw2[11:8], Ra/RdLo hw2[15:12]) to the A32 ones. Not listed, hence
/// UNDEFINED: SDIV and UDIV (the Cortex-A9 has no divider), the reserved parallel op1/op2 values and every
/// encoding that breaks a fixed (0)/(1) bit. r13/r15 operands, where the ARM ARM says UNPREDICTABLE, lower
/// to UNDEFINED, as do RdHi = RdLo and the two Rm fields of REV/RBIT/CLZ disagreeing.
/// </summary>
public static unsafe partial class ThumbTable
{
    static partial void AddT32Media(List<ThumbRow> rows)
    {
        // Extensions with rotation: 11111010 0 op Rn | 1111 Rd 1 (0) rotate Rm
        string[] extends = { "SXTAH", "UXTAH", "SXTAB16", "UXTAB16", "SXTAB", "UXTAB" };
        for (uint op = 0; op < 6; op++)
        {
            string bits = A32Table.ToBits(op, 3);
            rows.Add(new ThumbRow(extends[op] + " T32", $"11111010 0 {bits} nnnn 1111 dddd 10 rr mmmm", &Extend32));
            rows.Add(new ThumbRow(extends[op].Remove(3, 1) + " T32", $"11111010 0 {bits} 1111 1111 dddd 10 rr mmmm", &Extend32));
        }

        // Parallel addition and subtraction: 11111010 1 op1 Rn | 1111 Rd 0 U op2 Rm
        AddParallel32(rows, "S", "000");
        AddParallel32(rows, "Q", "001");
        AddParallel32(rows, "SH", "010");
        AddParallel32(rows, "U", "100");
        AddParallel32(rows, "UQ", "101");
        AddParallel32(rows, "UH", "110");

        // Miscellaneous operations: 11111010 10 op1 Rn | 1111 Rd 10 op2 Rm
        rows.Add(new ThumbRow("QADD T32", "11111010 1000 nnnn 1111 dddd 1000 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("QDADD T32", "11111010 1000 nnnn 1111 dddd 1001 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("QSUB T32", "11111010 1000 nnnn 1111 dddd 1010 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("QDSUB T32", "11111010 1000 nnnn 1111 dddd 1011 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("REV T32", "11111010 1001 mmmm 1111 dddd 1000 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("REV16 T32", "11111010 1001 mmmm 1111 dddd 1001 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("RBIT T32", "11111010 1001 mmmm 1111 dddd 1010 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("REVSH T32", "11111010 1001 mmmm 1111 dddd 1011 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("SEL T32", "11111010 1010 nnnn 1111 dddd 1000 mmmm", &Miscellaneous32));
        rows.Add(new ThumbRow("CLZ T32", "11111010 1011 mmmm 1111 dddd 1000 mmmm", &Miscellaneous32));

        // Multiply, multiply accumulate and absolute difference: 111110110 op1 Rn | Ra Rd 00 op2 Rm
        rows.Add(new ThumbRow("MLA T32", "111110110 000 nnnn aaaa dddd 0000 mmmm", &Multiply32));
        rows.Add(new ThumbRow("MUL T32", "111110110 000 nnnn 1111 dddd 0000 mmmm", &Multiply32));
        rows.Add(new ThumbRow("MLS T32", "111110110 000 nnnn aaaa dddd 0001 mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMLA<x><y> T32", "111110110 001 nnnn aaaa dddd 00 xy mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMUL<x><y> T32", "111110110 001 nnnn 1111 dddd 00 xy mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMLAD{X} T32", "111110110 010 nnnn aaaa dddd 000 x mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMUAD{X} T32", "111110110 010 nnnn 1111 dddd 000 x mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMLAW<y> T32", "111110110 011 nnnn aaaa dddd 000 y mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMULW<y> T32", "111110110 011 nnnn 1111 dddd 000 y mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMLSD{X} T32", "111110110 100 nnnn aaaa dddd 000 x mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMUSD{X} T32", "111110110 100 nnnn 1111 dddd 000 x mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMMLA{R} T32", "111110110 101 nnnn aaaa dddd 000 r mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMMUL{R} T32", "111110110 101 nnnn 1111 dddd 000 r mmmm", &Multiply32));
        rows.Add(new ThumbRow("SMMLS{R} T32", "111110110 110 nnnn aaaa dddd 000 r mmmm", &Multiply32));
        rows.Add(new ThumbRow("USADA8 T32", "111110110 111 nnnn aaaa dddd 0000 mmmm", &Multiply32));
        rows.Add(new ThumbRow("USAD8 T32", "111110110 111 nnnn 1111 dddd 0000 mmmm", &Multiply32));

        // Long multiply and long multiply accumulate: 111110111 op1 Rn | RdLo RdHi op2 Rm (SDIV 001/1111 and
        // UDIV 011/1111 are absent: UNDEFINED on the Cortex-A9)
        rows.Add(new ThumbRow("SMULL T32", "111110111 000 nnnn llll hhhh 0000 mmmm", &LongMultiply32));
        rows.Add(new ThumbRow("UMULL T32", "111110111 010 nnnn llll hhhh 0000 mmmm", &LongMultiply32));
        rows.Add(new ThumbRow("SMLAL T32", "111110111 100 nnnn llll hhhh 0000 mmmm", &LongMultiply32));
        rows.Add(new ThumbRow("SMLAL<x><y> T32", "111110111 100 nnnn llll hhhh 10 xy mmmm", &LongMultiply32));
        rows.Add(new ThumbRow("SMLALD{X} T32", "111110111 100 nnnn llll hhhh 110 x mmmm", &LongMultiply32));
        rows.Add(new ThumbRow("SMLSLD{X} T32", "111110111 101 nnnn llll hhhh 110 x mmmm", &LongMultiply32));
        rows.Add(new ThumbRow("UMLAL T32", "111110111 110 nnnn llll hhhh 0000 mmmm", &LongMultiply32));
        rows.Add(new ThumbRow("UMAAL T32", "111110111 110 nnnn llll hhhh 0110 mmmm", &LongMultiply32));
    }

    /// <summary>
    /// The six instructions of one parallel family (<paramref name="family"/> is U:op2, hw2[6:4]), op1 = hw1[6:4]:
    /// 001 ADD16, 010 ASX, 110 SAX, 101 SUB16, 000 ADD8, 100 SUB8.
    /// </summary>
    private static void AddParallel32(List<ThumbRow> rows, string prefix, string family)
    {
        rows.Add(new ThumbRow(prefix + "ADD16 T32", $"11111010 1001 nnnn 1111 dddd 0{family} mmmm", &Parallel32));
        rows.Add(new ThumbRow(prefix + "ASX T32", $"11111010 1010 nnnn 1111 dddd 0{family} mmmm", &Parallel32));
        rows.Add(new ThumbRow(prefix + "SAX T32", $"11111010 1110 nnnn 1111 dddd 0{family} mmmm", &Parallel32));
        rows.Add(new ThumbRow(prefix + "SUB16 T32", $"11111010 1101 nnnn 1111 dddd 0{family} mmmm", &Parallel32));
        rows.Add(new ThumbRow(prefix + "ADD8 T32", $"11111010 1000 nnnn 1111 dddd 0{family} mmmm", &Parallel32));
        rows.Add(new ThumbRow(prefix + "SUB8 T32", $"11111010 1100 nnnn 1111 dddd 0{family} mmmm", &Parallel32));
    }

    // ---- Lowerings.

    // SXTAH/UXTAH/SXTAB16/UXTAB16/SXTAB/UXTAB <Rd>, <Rn>, <Rm>{, ROR #<n>} | SXTH ... UXTB.W <Rd>, <Rm>{, ROR #<n>}
    private static LoweredInsn Extend32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), rm = Bits(raw, 3, 0);
        if (IsSpOrPc(rd) || rn == 13 || IsSpOrPc(rm))
        {
            return LoweredInsn.Undefined;
        }
        // A32 cccc 0110 1 op Rn Rd rotate 00 0111 Rm, op: 000 SXTAB16, 010 SXTAB, 011 SXTAH, 100 UXTAB16, 110 UXTAB, 111 UXTAH.
        uint op = Bits(raw, 22, 20) switch { 0 => 0b011u, 1 => 0b111u, 2 => 0b000u, 3 => 0b100u, 4 => 0b010u, _ => 0b110u };
        return Lower(Always | 0x0680_0070 | (op << 20) | (rn << 16) | (rd << 12) | (Bits(raw, 5, 4) << 10) | rm);
    }

    // <prefix>ADD16/ASX/SAX/SUB16/ADD8/SUB8 <Rd>, <Rn>, <Rm>
    private static LoweredInsn Parallel32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), rm = Bits(raw, 3, 0);
        if (IsSpOrPc(rd) || IsSpOrPc(rn) || IsSpOrPc(rm))
        {
            return LoweredInsn.Undefined;
        }
        // A32 cccc 0110 0 family Rn Rd 1111 op2 1 Rm; family 001 S .. 111 UH is U:(op2 + 1), op2 000 ADD16 .. 111 SUB8.
        uint family = (Bits(raw, 6, 6) << 2) | (Bits(raw, 5, 4) + 1);
        uint op2 = Bits(raw, 22, 20) switch { 0 => 0b100u, 1 => 0b000u, 2 => 0b001u, 4 => 0b111u, 5 => 0b011u, _ => 0b010u };
        return Lower(Always | 0x0600_0F10 | (family << 20) | (rn << 16) | (rd << 12) | (op2 << 5) | rm);
    }

    // QADD/QDADD/QSUB/QDSUB <Rd>, <Rm>, <Rn> | REV/REV16/RBIT/REVSH.W <Rd>, <Rm> | SEL <Rd>, <Rn>, <Rm> | CLZ <Rd>, <Rm>
    private static LoweredInsn Miscellaneous32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), rm = Bits(raw, 3, 0), op2 = Bits(raw, 5, 4);
        if (IsSpOrPc(rd) || IsSpOrPc(rn) || IsSpOrPc(rm))
        {
            return LoweredInsn.Undefined;
        }
        switch (Bits(raw, 21, 20))
        {
            case 0:
                // A32 cccc 0001 0 op 0 Rn Rd 0000 0101 Rm, op: 00 QADD, 01 QSUB, 10 QDADD, 11 QDSUB.
                uint op = op2 switch { 0 => 0b00u, 1 => 0b10u, 2 => 0b01u, _ => 0b11u };
                return Lower(Always | 0x0100_0050 | (op << 21) | (rn << 16) | (rd << 12) | rm);
            case 1:
                if (rn != rm)
                {
                    return LoweredInsn.Undefined; // the two Rm fields must agree
                }
                uint word = op2 switch { 0 => 0x06BF_0F30u, 1 => 0x06BF_0FB0u, 2 => 0x06FF_0F30u, _ => 0x06FF_0FB0u };
                return Lower(Always | word | (rd << 12) | rm);
            case 2:
                return Lower(Always | 0x0680_0FB0 | (rn << 16) | (rd << 12) | rm);
            default:
                return rn != rm ? LoweredInsn.Undefined : Lower(Always | 0x016F_0F10 | (rd << 12) | rm);
        }
    }

    // MUL/MLA/MLS, SMUL<x><y>/SMLA<x><y>, SMUAD/SMLAD{X}, SMULW/SMLAW<y>, SMUSD/SMLSD{X}, SMMUL/SMMLA/SMMLS{R}, USAD8/USADA8
    private static LoweredInsn Multiply32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), ra = Bits(raw, 15, 12), rd = Bits(raw, 11, 8), rm = Bits(raw, 3, 0);
        uint op1 = Bits(raw, 22, 20), op2 = Bits(raw, 5, 4), bit4 = Bits(raw, 4, 4);
        // Ra = 1111 selects the non-accumulating form, except for MLS and SMMLS, which have none: PC is UNPREDICTABLE there.
        bool alwaysAccumulates = (op1 == 0b000 && op2 == 0b01) || op1 == 0b110;
        if (IsSpOrPc(rd) || IsSpOrPc(rn) || IsSpOrPc(rm) || ra == 13 || (alwaysAccumulates && ra == 15))
        {
            return LoweredInsn.Undefined;
        }
        // A32 fields: Rd 19:16, Ra 15:12, Rm 11:8, Rn 3:0.
        uint fields = (rd << 16) | (ra << 12) | (rm << 8) | rn;
        uint word = op1 switch
        {
            0b000 when op2 == 0b01 => 0x0060_0090u, // MLS
            0b000 => ra == 15 ? 0x0000_0090u : 0x0020_0090u, // MUL / MLA
            0b001 => (ra == 15 ? 0x0160_0080u : 0x0100_0080u) | (bit4 << 6) | (Bits(raw, 5, 5) << 5), // SMULxy / SMLAxy
            0b010 => 0x0700_0010u | (bit4 << 5), // SMUAD / SMLAD
            0b011 => (ra == 15 ? 0x0120_00A0u : 0x0120_0080u) | (bit4 << 6), // SMULWy / SMLAWy
            0b100 => 0x0700_0050u | (bit4 << 5), // SMUSD / SMLSD
            0b101 => 0x0750_0010u | (bit4 << 5), // SMMUL / SMMLA
            0b110 => 0x0750_00D0u | (bit4 << 5), // SMMLS
            _ => 0x0780_0010u, // USAD8 / USADA8
        };
        if (ra == 15 && (op1 == 0b000 || op1 == 0b001 || op1 == 0b011))
        {
            fields &= ~0xF000u; // MUL, SMULxy and SMULWy have Ra = 0000 in A32 (SMUAD, SMUSD, SMMUL, USAD8 keep 1111)
        }
        return Lower(Always | word | fields);
    }

    // SMULL/UMULL/SMLAL/UMLAL/UMAAL <RdLo>, <RdHi>, <Rn>, <Rm> | SMLAL<x><y> | SMLALD{X} | SMLSLD{X}
    private static LoweredInsn LongMultiply32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rdLo = Bits(raw, 15, 12), rdHi = Bits(raw, 11, 8), rm = Bits(raw, 3, 0);
        if (IsSpOrPc(rdLo) || IsSpOrPc(rdHi) || IsSpOrPc(rn) || IsSpOrPc(rm) || rdHi == rdLo)
        {
            return LoweredInsn.Undefined;
        }
        uint op2 = Bits(raw, 7, 4), m = Bits(raw, 4, 4);
        uint word = Bits(raw, 22, 20) switch
        {
            0b000 => 0x00C0_0090u, // SMULL
            0b010 => 0x0080_0090u, // UMULL
            0b100 when op2 == 0 => 0x00E0_0090u, // SMLAL
            0b100 when op2 >= 0b1100 => 0x0740_0010u | (m << 5), // SMLALD
            0b100 => 0x0140_0080u | (m << 6) | (Bits(raw, 5, 5) << 5), // SMLALxy
            0b101 => 0x0740_0050u | (m << 5), // SMLSLD
            _ => op2 == 0 ? 0x00A0_0090u : 0x0040_0090u, // UMLAL / UMAAL
        };
        // A32 fields: RdHi 19:16, RdLo 15:12, Rm 11:8, Rn 3:0.
        return Lower(Always | word | (rdHi << 16) | (rdLo << 12) | (rm << 8) | rn);
    }
}
