// Table rows: every 16-bit Thumb encoding (ARM ARM A6.2), each lowered to its A32 twin or a Thumb handler.
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa;
using Codezero.Hal.ArmCortexA9.Isa.Thumb;
using static Codezero.Hal.ArmCortexA9.Decoder.A32Words;

namespace Codezero.Hal.ArmCortexA9.Decoder;

public static unsafe partial class ThumbTable
{
    private static void AddT16(List<ThumbRow> rows)
    {
        // Shift (immediate), add, subtract, move and compare: 00xx xx
        rows.Add(new ThumbRow("LSL (imm) T16", "00000 iiiii mmm ddd", &ShiftImmediate16));
        rows.Add(new ThumbRow("LSR (imm) T16", "00001 iiiii mmm ddd", &ShiftImmediate16));
        rows.Add(new ThumbRow("ASR (imm) T16", "00010 iiiii mmm ddd", &ShiftImmediate16));
        rows.Add(new ThumbRow("ADD (reg) T16", "0001100 mmm nnn ddd", &AddSubtract3));
        rows.Add(new ThumbRow("SUB (reg) T16", "0001101 mmm nnn ddd", &AddSubtract3));
        rows.Add(new ThumbRow("ADD (imm3) T16", "0001110 iii nnn ddd", &AddSubtract3));
        rows.Add(new ThumbRow("SUB (imm3) T16", "0001111 iii nnn ddd", &AddSubtract3));
        rows.Add(new ThumbRow("MOV (imm) T16", "00100 ddd iiiiiiii", &Immediate8));
        rows.Add(new ThumbRow("CMP (imm) T16", "00101 nnn iiiiiiii", &Immediate8));
        rows.Add(new ThumbRow("ADD (imm8) T16", "00110 ddd iiiiiiii", &Immediate8));
        rows.Add(new ThumbRow("SUB (imm8) T16", "00111 ddd iiiiiiii", &Immediate8));

        // Data processing (register): 0100 00oo oo
        string[] names = { "AND", "EOR", "LSL (reg)", "LSR (reg)", "ASR (reg)", "ADC", "SBC", "ROR (reg)", "TST", "RSB (imm 0)", "CMP (reg)", "CMN", "ORR", "MUL", "BIC", "MVN" };
        for (uint op = 0; op < 16; op++)
        {
            rows.Add(new ThumbRow(names[op] + " T16", $"010000 {A32Table.ToBits(op, 4)} mmm ddd", &DataProcessingRegister16));
        }

        // Special data instructions and branch and exchange: 0100 01
        rows.Add(new ThumbRow("ADD (high reg) T16", "01000100 d mmmm ddd", &HighRegister));
        rows.Add(new ThumbRow("CMP (high reg) T16", "01000101 n mmmm nnn", &HighRegister));
        rows.Add(new ThumbRow("MOV (high reg) T16", "01000110 d mmmm ddd", &HighRegister));
        rows.Add(new ThumbRow("BX T16", "010001110 mmmm 000", &BranchExchange16));
        rows.Add(new ThumbRow("BLX (reg) T16", "010001111 mmmm 000", &BranchExchange16));

        // Loads and stores
        rows.Add(new ThumbRow("LDR (literal) T16", "01001 ttt iiiiiiii", &LoadLiteral16));
        string[] regNames = { "STR", "STRH", "STRB", "LDRSB", "LDR", "LDRH", "LDRB", "LDRSH" };
        for (uint op = 0; op < 8; op++)
        {
            rows.Add(new ThumbRow(regNames[op] + " (reg) T16", $"0101 {A32Table.ToBits(op, 3)} mmm nnn ttt", &LoadStoreRegister16));
        }
        rows.Add(new ThumbRow("STR (imm) T16", "01100 iiiii nnn ttt", &LoadStoreImmediate16));
        rows.Add(new ThumbRow("LDR (imm) T16", "01101 iiiii nnn ttt", &LoadStoreImmediate16));
        rows.Add(new ThumbRow("STRB (imm) T16", "01110 iiiii nnn ttt", &LoadStoreImmediate16));
        rows.Add(new ThumbRow("LDRB (imm) T16", "01111 iiiii nnn ttt", &LoadStoreImmediate16));
        rows.Add(new ThumbRow("STRH (imm) T16", "10000 iiiii nnn ttt", &LoadStoreImmediate16));
        rows.Add(new ThumbRow("LDRH (imm) T16", "10001 iiiii nnn ttt", &LoadStoreImmediate16));
        rows.Add(new ThumbRow("STR (SP) T16", "10010 ttt iiiiiiii", &LoadStoreImmediate16));
        rows.Add(new ThumbRow("LDR (SP) T16", "10011 ttt iiiiiiii", &LoadStoreImmediate16));

        // PC- and SP-relative addresses
        rows.Add(new ThumbRow("ADR T16", "10100 ddd iiiiiiii", &Adr16));
        rows.Add(new ThumbRow("ADD (SP plus imm) T16", "10101 ddd iiiiiiii", &AddSpImmediate16));

        // Miscellaneous 16-bit instructions: 1011
        rows.Add(new ThumbRow("ADD (SP, SP plus imm) T16", "101100000 iiiiiii", &AdjustSp16));
        rows.Add(new ThumbRow("SUB (SP, SP minus imm) T16", "101100001 iiiiiii", &AdjustSp16));
        rows.Add(new ThumbRow("CBZ T16", "101100 i 1 iiiii nnn", &Direct<CbzHandler>));
        rows.Add(new ThumbRow("CBNZ T16", "101110 i 1 iiiii nnn", &Direct<CbzHandler>));
        rows.Add(new ThumbRow("SXTH T16", "1011001000 mmm ddd", &Extend16));
        rows.Add(new ThumbRow("SXTB T16", "1011001001 mmm ddd", &Extend16));
        rows.Add(new ThumbRow("UXTH T16", "1011001010 mmm ddd", &Extend16));
        rows.Add(new ThumbRow("UXTB T16", "1011001011 mmm ddd", &Extend16));
        rows.Add(new ThumbRow("PUSH T16", "1011010 m rrrrrrrr", &PushPop16));
        rows.Add(new ThumbRow("POP T16", "1011110 p rrrrrrrr", &PushPop16));
        rows.Add(new ThumbRow("SETEND T16", "10110110010 1 e 000", &SetEnd16));
        rows.Add(new ThumbRow("CPS T16", "10110110011 m 0 aif", &Cps16));
        rows.Add(new ThumbRow("REV T16", "1011101000 mmm ddd", &Reverse16));
        rows.Add(new ThumbRow("REV16 T16", "1011101001 mmm ddd", &Reverse16));
        rows.Add(new ThumbRow("REVSH T16", "1011101011 mmm ddd", &Reverse16));
        rows.Add(new ThumbRow("BKPT T16", "10111110 iiiiiiii", &Bkpt16));
        rows.Add(new ThumbRow("IT T16", "10111111 cccc mmmm", &ItOrHint16));

        // Multiple loads and stores
        rows.Add(new ThumbRow("STM T16", "11000 nnn rrrrrrrr", &LoadStoreMultiple16));
        rows.Add(new ThumbRow("LDM T16", "11001 nnn rrrrrrrr", &LoadStoreMultiple16));

        // Conditional branch, UDF and SVC: 1101; unconditional branch: 11100
        rows.Add(new ThumbRow("B<c> T16", "1101 cccc iiiiiiii", &ConditionalBranch16));
        rows.Add(new ThumbRow("UDF T16", "11011110 iiiiiiii", &Undefined));
        rows.Add(new ThumbRow("SVC T16", "11011111 iiiiiiii", &Direct<SvcHandler>));
        rows.Add(new ThumbRow("B T16", "11100 iiiiiiiiiii", &Branch16));
    }

    // ---- Lowerings. Field names follow the ARM ARM; Rd/Rn/Rm are r0-r7 unless the encoding says otherwise.

    /// <summary>The encoding itself, with a Thumb handler.</summary>
    private static LoweredInsn Direct<THandler>(uint raw, bool inItBlock) where THandler : struct, IThumbHandler
        => new(THandler.Handler, raw);

    private static LoweredInsn Undefined(uint raw, bool inItBlock) => LoweredInsn.Undefined;

    // LSL/LSR/ASR{S} <Rd>, <Rm>, #<imm5>  (MOV{S} Rd, Rm, shift #imm in A32; flags only outside IT blocks)
    private static LoweredInsn ShiftImmediate16(uint raw, bool inItBlock)
        => Lower(DataProcessingRegister(Mov, !inItBlock, 0, Bits(raw, 2, 0), Bits(raw, 5, 3), Bits(raw, 12, 11), Bits(raw, 10, 6)));

    // ADD/SUB{S} <Rd>, <Rn>, <Rm> | #<imm3>
    private static LoweredInsn AddSubtract3(uint raw, bool inItBlock)
    {
        uint op = Bits(raw, 9, 9) == 0 ? Add : Sub;
        uint rd = Bits(raw, 2, 0), rn = Bits(raw, 5, 3), field = Bits(raw, 8, 6);
        return Lower(Bits(raw, 10, 10) == 0
            ? DataProcessingRegister(op, !inItBlock, rn, rd, field)
            : DataProcessingImmediate(op, !inItBlock, rn, rd, field));
    }

    // MOV{S} / CMP / ADD{S} / SUB{S} <Rdn>, #<imm8>
    private static LoweredInsn Immediate8(uint raw, bool inItBlock)
    {
        uint rdn = Bits(raw, 10, 8), imm8 = Bits(raw, 7, 0);
        return Bits(raw, 12, 11) switch
        {
            0 => Lower(DataProcessingImmediate(Mov, !inItBlock, 0, rdn, imm8)),
            1 => Lower(DataProcessingImmediate(Cmp, true, rdn, 0, imm8)),
            2 => Lower(DataProcessingImmediate(Add, !inItBlock, rdn, rdn, imm8)),
            _ => Lower(DataProcessingImmediate(Sub, !inItBlock, rdn, rdn, imm8)),
        };
    }

    // <op>{S} <Rdn>, <Rm>   (TST, CMP, CMN always set flags; MUL is MUL{S} Rdm, Rn, Rdm; RSB is NEG: RSB{S} Rd, Rn, #0)
    private static LoweredInsn DataProcessingRegister16(uint raw, bool inItBlock)
    {
        uint rdn = Bits(raw, 2, 0), rm = Bits(raw, 5, 3);
        bool s = !inItBlock;
        switch (Bits(raw, 9, 6))
        {
            case 0: return Lower(DataProcessingRegister(And, s, rdn, rdn, rm));
            case 1: return Lower(DataProcessingRegister(Eor, s, rdn, rdn, rm));
            case 2: return Lower(DataProcessingShiftedByRegister(Mov, s, 0, rdn, rdn, Lsl, rm));
            case 3: return Lower(DataProcessingShiftedByRegister(Mov, s, 0, rdn, rdn, Lsr, rm));
            case 4: return Lower(DataProcessingShiftedByRegister(Mov, s, 0, rdn, rdn, Asr, rm));
            case 5: return Lower(DataProcessingRegister(Adc, s, rdn, rdn, rm));
            case 6: return Lower(DataProcessingRegister(Sbc, s, rdn, rdn, rm));
            case 7: return Lower(DataProcessingShiftedByRegister(Mov, s, 0, rdn, rdn, Ror, rm));
            case 8: return Lower(DataProcessingRegister(Tst, true, rdn, 0, rm));
            case 9: return Lower(DataProcessingImmediate(Rsb, s, rm, rdn, 0));
            case 10: return Lower(DataProcessingRegister(Cmp, true, rdn, 0, rm));
            case 11: return Lower(DataProcessingRegister(Cmn, true, rdn, 0, rm));
            case 12: return Lower(DataProcessingRegister(Orr, s, rdn, rdn, rm));
            case 13: return Lower(Always | (s ? 1u << 20 : 0) | (rdn << 16) | (rdn << 8) | 0x90 | rm); // MUL Rd, Rn, Rm
            case 14: return Lower(DataProcessingRegister(Bic, s, rdn, rdn, rm));
            default: return Lower(DataProcessingRegister(Mvn, s, 0, rdn, rm));
        }
    }

    // ADD <Rdn>, <Rm> | CMP <Rn>, <Rm> | MOV <Rd>, <Rm>   (any registers; a write to PC branches without interworking)
    private static LoweredInsn HighRegister(uint raw, bool inItBlock)
    {
        uint rdn = (Bits(raw, 7, 7) << 3) | Bits(raw, 2, 0), rm = Bits(raw, 6, 3);
        switch (Bits(raw, 9, 8))
        {
            case 0:
                if (rdn == 15 && rm == 15)
                {
                    return LoweredInsn.Undefined; // UNPREDICTABLE
                }
                return Lower(DataProcessingRegister(Add, false, rdn, rdn, rm));
            case 1:
                if ((rdn < 8 && rm < 8) || rdn == 15 || rm == 15)
                {
                    return LoweredInsn.Undefined; // UNPREDICTABLE
                }
                return Lower(DataProcessingRegister(Cmp, true, rdn, 0, rm));
            default:
                return Lower(DataProcessingRegister(Mov, false, 0, rdn, rm));
        }
    }

    // BX <Rm> | BLX <Rm>
    private static LoweredInsn BranchExchange16(uint raw, bool inItBlock)
    {
        uint rm = Bits(raw, 6, 3);
        if (Bits(raw, 7, 7) == 0)
        {
            return Lower(Always | 0x012F_FF10 | rm);
        }
        return rm == 15 ? LoweredInsn.Undefined : new LoweredInsn(&ThumbBranch.BlxRegister, raw);
    }

    // LDR <Rt>, [PC, #<imm8 * 4>]   (from Align(PC, 4))
    private static LoweredInsn LoadLiteral16(uint raw, bool inItBlock)
        => new(&LoadStore.Load<Word, OffsetAddressing, ThumbLiteralOffset>, WordOrByteImmediate(true, false, 15, Bits(raw, 10, 8), Bits(raw, 7, 0) * 4));

    // STR/STRH/STRB/LDRSB/LDR/LDRH/LDRB/LDRSH <Rt>, [<Rn>, <Rm>]
    private static LoweredInsn LoadStoreRegister16(uint raw, bool inItBlock)
    {
        uint rt = Bits(raw, 2, 0), rn = Bits(raw, 5, 3), rm = Bits(raw, 8, 6);
        return Bits(raw, 11, 9) switch
        {
            0 => Lower(WordOrByteRegister(false, false, rn, rt, rm)),
            1 => Lower(ExtraRegister(false, 1, rn, rt, rm)),
            2 => Lower(WordOrByteRegister(false, true, rn, rt, rm)),
            3 => Lower(ExtraRegister(true, 2, rn, rt, rm)),
            4 => Lower(WordOrByteRegister(true, false, rn, rt, rm)),
            5 => Lower(ExtraRegister(true, 1, rn, rt, rm)),
            6 => Lower(WordOrByteRegister(true, true, rn, rt, rm)),
            _ => Lower(ExtraRegister(true, 3, rn, rt, rm)),
        };
    }

    // STR/LDR <Rt>, [<Rn>, #<imm5 * 4>] | STRB/LDRB (imm5) | STRH/LDRH (imm5 * 2) | STR/LDR <Rt>, [SP, #<imm8 * 4>]
    private static LoweredInsn LoadStoreImmediate16(uint raw, bool inItBlock)
    {
        bool load = Bits(raw, 11, 11) != 0;
        uint rt = Bits(raw, 2, 0), rn = Bits(raw, 5, 3), imm5 = Bits(raw, 10, 6);
        return Bits(raw, 15, 12) switch
        {
            0b0110 => Lower(WordOrByteImmediate(load, false, rn, rt, imm5 * 4)),
            0b0111 => Lower(WordOrByteImmediate(load, true, rn, rt, imm5)),
            0b1000 => Lower(ExtraImmediate(load, 1, rn, rt, imm5 * 2)),
            _ => Lower(WordOrByteImmediate(load, false, 13, Bits(raw, 10, 8), Bits(raw, 7, 0) * 4)),
        };
    }

    // ADR <Rd>, <label>   (Align(PC, 4) + imm8 * 4)
    private static LoweredInsn Adr16(uint raw, bool inItBlock)
        => new(&ThumbMisc.Adr, ThumbMisc.AdrWord(Bits(raw, 10, 8), Bits(raw, 7, 0) * 4, add: true));

    // ADD <Rd>, SP, #<imm8 * 4>
    private static LoweredInsn AddSpImmediate16(uint raw, bool inItBlock)
        => Lower(DataProcessingImmediate(Add, false, 13, Bits(raw, 10, 8), RotatedField(Bits(raw, 7, 0) * 4)));

    // ADD SP, SP, #<imm7 * 4> | SUB SP, SP, #<imm7 * 4>
    private static LoweredInsn AdjustSp16(uint raw, bool inItBlock)
        => Lower(DataProcessingImmediate(Bits(raw, 7, 7) == 0 ? Add : Sub, false, 13, 13, RotatedField(Bits(raw, 6, 0) * 4)));

    // SXTH/SXTB/UXTH/UXTB <Rd>, <Rm>
    private static LoweredInsn Extend16(uint raw, bool inItBlock)
    {
        uint op = Bits(raw, 7, 6) switch { 0 => 0b011u, 1 => 0b010u, 2 => 0b111u, _ => 0b110u };
        return Lower(Always | 0x068F_0070 | (op << 20) | (Bits(raw, 2, 0) << 12) | Bits(raw, 5, 3));
    }

    // PUSH <registers> (STMDB SP!, with LR when M) | POP <registers> (LDMIA SP!, with PC when P)
    private static LoweredInsn PushPop16(uint raw, bool inItBlock)
    {
        bool pop = Bits(raw, 11, 11) != 0;
        uint list = Bits(raw, 7, 0) | (Bits(raw, 8, 8) << (pop ? 15 : 14));
        return list == 0 ? LoweredInsn.Undefined : Lower(BlockTransfer(pop, !pop, true, 13, list));
    }

    // SETEND BE|LE
    private static LoweredInsn SetEnd16(uint raw, bool inItBlock)
        => inItBlock ? LoweredInsn.Undefined : Lower(0xF101_0000 | (Bits(raw, 3, 3) << 9));

    // CPSIE|CPSID <iflags>
    private static LoweredInsn Cps16(uint raw, bool inItBlock)
    {
        if (inItBlock || Bits(raw, 2, 0) == 0)
        {
            return LoweredInsn.Undefined; // UNPREDICTABLE
        }
        uint imod = Bits(raw, 4, 4) == 0 ? 0b10u : 0b11u;
        return Lower(0xF100_0000 | (imod << 18) | (Bits(raw, 2, 0) << 6));
    }

    // REV/REV16/REVSH <Rd>, <Rm>
    private static LoweredInsn Reverse16(uint raw, bool inItBlock)
    {
        uint word = Bits(raw, 7, 6) switch { 0 => 0x06BF_0F30u, 1 => 0x06BF_0FB0u, _ => 0x06FF_0FB0u };
        return Lower(Always | word | (Bits(raw, 2, 0) << 12) | Bits(raw, 5, 3));
    }

    // BKPT #<imm8>
    private static LoweredInsn Bkpt16(uint raw, bool inItBlock)
    {
        uint imm = Bits(raw, 7, 0);
        return Lower(Always | 0x0120_0070 | ((imm & 0xF0) << 4) | (imm & 0xF));
    }

    // IT{x{y{z}}} <firstcond> | NOP, YIELD, WFE, WFI, SEV (mask 0000)
    private static LoweredInsn ItOrHint16(uint raw, bool inItBlock)
    {
        uint firstCond = Bits(raw, 7, 4), mask = Bits(raw, 3, 0);
        if (mask != 0)
        {
            // AL takes only T slots (ITT AL ... ITTTT AL: one bit set in the mask); an E slot would mean NV.
            bool unpredictable = inItBlock || firstCond == 15 || (firstCond == 14 && System.Numerics.BitOperations.PopCount(mask) != 1);
            return unpredictable ? LoweredInsn.Undefined : new LoweredInsn(&ThumbMisc.It, raw);
        }
        // The A32 hints: NOP (0), YIELD (1), WFE (2), WFI (3), SEV (4); other hints execute as NOP.
        return Lower(Always | 0x0320_F000 | (firstCond <= 4 ? firstCond : 0));
    }

    // STM <Rn>!, <registers> | LDM <Rn>{!}, <registers>   (LDM writes back unless Rn is in the list)
    private static LoweredInsn LoadStoreMultiple16(uint raw, bool inItBlock)
    {
        bool load = Bits(raw, 11, 11) != 0;
        uint rn = Bits(raw, 10, 8), list = Bits(raw, 7, 0);
        if (list == 0)
        {
            return LoweredInsn.Undefined; // UNPREDICTABLE
        }
        bool writeBack = !load || (list & (1u << (int)rn)) == 0;
        return Lower(BlockTransfer(load, false, writeBack, rn, list));
    }

    // B<c> <label>   (not allowed inside an IT block)
    private static LoweredInsn ConditionalBranch16(uint raw, bool inItBlock)
    {
        uint cond = Bits(raw, 11, 8);
        if (inItBlock)
        {
            return LoweredInsn.Undefined; // UNPREDICTABLE
        }
        return new LoweredInsn(&ThumbBranch.B, ThumbBranch.Word(cond, (int)((sbyte)Bits(raw, 7, 0)) * 2));
    }

    // B <label>
    private static LoweredInsn Branch16(uint raw, bool inItBlock)
        => new(&ThumbBranch.B, ThumbBranch.Word(14, ((int)(raw << 21) >> 21) * 2));

    /// <summary>The rot4:imm8 field of a constant the caller knows an even rotation gives.</summary>
    private static uint RotatedField(uint value)
    {
        TryEncodeImmediate(value, out uint imm12);
        return imm12;
    }
}
