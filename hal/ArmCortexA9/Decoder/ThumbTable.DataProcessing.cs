// Table rows: T32 data processing (modified immediate, plain binary immediate, shifted register, shifts by register).
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Isa;
using Codezero.Hal.ArmCortexA9.Isa.Thumb;
using static Codezero.Hal.ArmCortexA9.Decoder.A32Words;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// ARM ARM A6.3.1 (modified immediate), A6.3.3 (plain binary immediate), A6.3.11 (shifted register) and the
/// shifts by register of A6.3.12. Register forms lower to their A32 twins; the modified immediates run the A32
/// generic body with <see cref="ThumbModifiedImmediate"/>, ADDW/SUBW with <see cref="ThumbDataPlainImmediate"/>,
/// ORN with <see cref="ThumbDataOrnOp"/>, ADR.W with <see cref="ThumbMisc.Adr"/>. The aliases (TST, TEQ, CMN,
/// CMP for Rd = 1111 with S; MOV, MVN and the immediate shifts for Rn = 1111; the SP forms for Rn = 1101) are rows
/// of their own, more specific than the row they are carved from. Unlisted opcodes are UNDEFINED; r13/r15 where
/// the ARM ARM says UNPREDICTABLE lower to UNDEFINED.
/// </summary>
public static unsafe partial class ThumbTable
{
    /// <summary>ORN, numbered after the sixteen A32 opcodes (it has no A32 encoding).</summary>
    private const uint Orn = 16;

    static partial void AddT32DataProcessing(List<ThumbRow> rows)
    {
        // Data processing (modified immediate): 11110 i 0 op S Rn | 0 imm3 Rd imm8
        rows.Add(new ThumbRow("AND (imm) T32", "11110 i 0 0000 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("TST (imm) T32", "11110 i 0 0000 1 nnnn 0 iii 1111 iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("BIC (imm) T32", "11110 i 0 0001 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("ORR (imm) T32", "11110 i 0 0010 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("MOV (imm) T32", "11110 i 0 0010 s 1111 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("ORN (imm) T32", "11110 i 0 0011 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("MVN (imm) T32", "11110 i 0 0011 s 1111 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("EOR (imm) T32", "11110 i 0 0100 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("TEQ (imm) T32", "11110 i 0 0100 1 nnnn 0 iii 1111 iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("ADD (imm) T32", "11110 i 0 1000 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("ADD (SP plus imm) T32", "11110 i 0 1000 s 1101 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("CMN (imm) T32", "11110 i 0 1000 1 nnnn 0 iii 1111 iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("ADC (imm) T32", "11110 i 0 1010 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("SBC (imm) T32", "11110 i 0 1011 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("SUB (imm) T32", "11110 i 0 1101 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("SUB (SP minus imm) T32", "11110 i 0 1101 s 1101 0 iii dddd iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("CMP (imm) T32", "11110 i 0 1101 1 nnnn 0 iii 1111 iiiiiiii", &ModifiedImmediate32));
        rows.Add(new ThumbRow("RSB (imm) T32", "11110 i 0 1110 s nnnn 0 iii dddd iiiiiiii", &ModifiedImmediate32));

        // Data processing (plain binary immediate): 11110 i 1 op Rn | 0 imm3 Rd imm8 (i is (0) for saturate and bit fields)
        rows.Add(new ThumbRow("ADDW T32", "11110 i 10 0000 nnnn 0 iii dddd iiiiiiii", &AddSubtractWide32));
        rows.Add(new ThumbRow("ADDW (SP plus imm12) T32", "11110 i 10 0000 1101 0 iii dddd iiiiiiii", &AddSubtractWide32));
        rows.Add(new ThumbRow("ADR.W (add) T32", "11110 i 10 0000 1111 0 iii dddd iiiiiiii", &AddSubtractWide32));
        rows.Add(new ThumbRow("MOVW T32", "11110 i 10 0100 iiii 0 iii dddd iiiiiiii", &MoveWide32));
        rows.Add(new ThumbRow("SUBW T32", "11110 i 10 1010 nnnn 0 iii dddd iiiiiiii", &AddSubtractWide32));
        rows.Add(new ThumbRow("SUBW (SP minus imm12) T32", "11110 i 10 1010 1101 0 iii dddd iiiiiiii", &AddSubtractWide32));
        rows.Add(new ThumbRow("ADR.W (sub) T32", "11110 i 10 1010 1111 0 iii dddd iiiiiiii", &AddSubtractWide32));
        rows.Add(new ThumbRow("MOVT T32", "11110 i 10 1100 iiii 0 iii dddd iiiiiiii", &MoveWide32));
        rows.Add(new ThumbRow("SSAT (LSL) T32", "11110 0 11 0000 nnnn 0 iii dddd ii 0 sssss", &Saturate32));
        rows.Add(new ThumbRow("SSAT (ASR) T32", "11110 0 11 0010 nnnn 0 iii dddd ii 0 sssss", &Saturate32));
        rows.Add(new ThumbRow("SSAT16 T32", "11110 0 11 0010 nnnn 0 000 dddd 00 00 ssss", &Saturate32));
        rows.Add(new ThumbRow("SBFX T32", "11110 0 11 0100 nnnn 0 iii dddd ii 0 wwwww", &BitField32));
        rows.Add(new ThumbRow("BFI T32", "11110 0 11 0110 nnnn 0 iii dddd ii 0 mmmmm", &BitField32));
        rows.Add(new ThumbRow("BFC T32", "11110 0 11 0110 1111 0 iii dddd ii 0 mmmmm", &BitField32));
        rows.Add(new ThumbRow("USAT (LSL) T32", "11110 0 11 1000 nnnn 0 iii dddd ii 0 sssss", &Saturate32));
        rows.Add(new ThumbRow("USAT (ASR) T32", "11110 0 11 1010 nnnn 0 iii dddd ii 0 sssss", &Saturate32));
        rows.Add(new ThumbRow("USAT16 T32", "11110 0 11 1010 nnnn 0 000 dddd 00 00 ssss", &Saturate32));
        rows.Add(new ThumbRow("UBFX T32", "11110 0 11 1100 nnnn 0 iii dddd ii 0 wwwww", &BitField32));

        // Data processing (shifted register): 1110101 op S Rn | (0) imm3 Rd imm2 type Rm
        rows.Add(new ThumbRow("AND (reg) T32", "1110101 0000 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("TST (reg) T32", "1110101 0000 1 nnnn 0 iii 1111 ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("BIC (reg) T32", "1110101 0001 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("ORR (reg) T32", "1110101 0010 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("MOV (reg) T32", "1110101 0010 s 1111 0 000 dddd 00 00 mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("LSL (imm) T32", "1110101 0010 s 1111 0 iii dddd ii 00 mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("LSR (imm) T32", "1110101 0010 s 1111 0 iii dddd ii 01 mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("ASR (imm) T32", "1110101 0010 s 1111 0 iii dddd ii 10 mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("ROR (imm) T32", "1110101 0010 s 1111 0 iii dddd ii 11 mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("RRX T32", "1110101 0010 s 1111 0 000 dddd 00 11 mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("ORN (reg) T32", "1110101 0011 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("MVN (reg) T32", "1110101 0011 s 1111 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("EOR (reg) T32", "1110101 0100 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("TEQ (reg) T32", "1110101 0100 1 nnnn 0 iii 1111 ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("PKHBT T32", "1110101 0110 0 nnnn 0 iii dddd ii 00 mmmm", &PackHalfword32));
        rows.Add(new ThumbRow("PKHTB T32", "1110101 0110 0 nnnn 0 iii dddd ii 10 mmmm", &PackHalfword32));
        rows.Add(new ThumbRow("ADD (reg) T32", "1110101 1000 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("ADD (SP plus reg) T32", "1110101 1000 s 1101 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("CMN (reg) T32", "1110101 1000 1 nnnn 0 iii 1111 ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("ADC (reg) T32", "1110101 1010 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("SBC (reg) T32", "1110101 1011 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("SUB (reg) T32", "1110101 1101 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("SUB (SP minus reg) T32", "1110101 1101 s 1101 0 iii dddd ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("CMP (reg) T32", "1110101 1101 1 nnnn 0 iii 1111 ii tt mmmm", &ShiftedRegister32));
        rows.Add(new ThumbRow("RSB (reg) T32", "1110101 1110 s nnnn 0 iii dddd ii tt mmmm", &ShiftedRegister32));

        // Data processing (register), the shifts: 11111010 0 type S Rn | 1111 Rd 0000 Rm
        rows.Add(new ThumbRow("LSL (reg) T32", "11111010 0 00 s nnnn 1111 dddd 0000 mmmm", &ShiftByRegister32));
        rows.Add(new ThumbRow("LSR (reg) T32", "11111010 0 01 s nnnn 1111 dddd 0000 mmmm", &ShiftByRegister32));
        rows.Add(new ThumbRow("ASR (reg) T32", "11111010 0 10 s nnnn 1111 dddd 0000 mmmm", &ShiftByRegister32));
        rows.Add(new ThumbRow("ROR (reg) T32", "11111010 0 11 s nnnn 1111 dddd 0000 mmmm", &ShiftByRegister32));
    }

    // ---- Lowerings. T32 fields: Rn = raw[19:16], Rd = raw[11:8], Rm = raw[3:0], S = raw[20], op = raw[24:21].

    /// <summary>r13 or r15, the registers most T32 encodings make UNPREDICTABLE.</summary>
    private static bool IsSpOrPc(uint register) => register == 13 || register == 15;

    /// <summary>The 12-bit immediate i:imm3:imm8 of the T32 immediate encodings.</summary>
    private static uint Immediate12(uint raw) => (Bits(raw, 26, 26) << 11) | (Bits(raw, 14, 12) << 8) | Bits(raw, 7, 0);

    /// <summary>
    /// The operation a T32 ALU encoding performs (an A32 opcode, or <see cref="Orn"/>): op, then the aliases
    /// Rd = 1111 with S (TST, TEQ, CMN, CMP) and Rn = 1111 (MOV, MVN).
    /// </summary>
    private static uint AluOperation(uint op, bool s, uint rn, uint rd)
    {
        bool test = rd == 15 && s;
        return op switch
        {
            0b0000 => test ? Tst : And,
            0b0001 => Bic,
            0b0010 => rn == 15 ? Mov : Orr,
            0b0011 => rn == 15 ? Mvn : Orn,
            0b0100 => test ? Teq : Eor,
            0b1000 => test ? Cmn : Add,
            0b1010 => Adc,
            0b1011 => Sbc,
            0b1101 => test ? Cmp : Sub,
            _ => Rsb,
        };
    }

    /// <summary>
    /// The ARM ARM's Rd/Rn restrictions of the T32 ALU encodings (immediate and register forms alike): r13 and r15
    /// are UNPREDICTABLE except as the comparisons' Rn (CMP/CMN take SP) and the SP forms of ADD and SUB (Rn = SP,
    /// any Rd but PC).
    /// </summary>
    private static bool AluRegistersAllowed(uint operation, uint rn, uint rd) => operation switch
    {
        Tst or Teq => !IsSpOrPc(rn),
        Cmp or Cmn => rn != 15,
        Mov or Mvn => !IsSpOrPc(rd),
        Orr or Orn => !IsSpOrPc(rd) && rn != 13,
        Add or Sub => rn == 13 ? rd != 15 : !IsSpOrPc(rd) && rn != 15,
        _ => !IsSpOrPc(rd) && !IsSpOrPc(rn),
    };

    /// <summary>The A32 generic data-processing body for an operation, operand type and S.</summary>
    private static delegate*<ArmCore, uint, void> AluHandler<TOperand>(uint operation, bool s)
        where TOperand : struct, IShifterOperand => operation switch
    {
        And => Alu<AndOp, TOperand>(s),
        Eor => Alu<EorOp, TOperand>(s),
        Sub => Alu<SubOp, TOperand>(s),
        Rsb => Alu<RsbOp, TOperand>(s),
        Add => Alu<AddOp, TOperand>(s),
        Adc => Alu<AdcOp, TOperand>(s),
        Sbc => Alu<SbcOp, TOperand>(s),
        Tst => Alu<TstOp, TOperand>(s),
        Teq => Alu<TeqOp, TOperand>(s),
        Cmp => Alu<CmpOp, TOperand>(s),
        Cmn => Alu<CmnOp, TOperand>(s),
        Orr => Alu<OrrOp, TOperand>(s),
        Mov => Alu<MovOp, TOperand>(s),
        Bic => Alu<BicOp, TOperand>(s),
        Mvn => Alu<MvnOp, TOperand>(s),
        Orn => Alu<ThumbDataOrnOp, TOperand>(s),
        _ => &A32Decoder.UndefinedInstruction, // RSC has no Thumb encoding
    };

    private static delegate*<ArmCore, uint, void> Alu<TOp, TOperand>(bool s)
        where TOp : struct, IAluOperation
        where TOperand : struct, IShifterOperand
        => s ? &DataProcessing.Execute<TOp, TOperand, SetFlags> : &DataProcessing.Execute<TOp, TOperand, KeepFlags>;

    // <op>{S}.W <Rd>, <Rn>, #<const> | TST/TEQ/CMN/CMP <Rn>, #<const> | MOV{S}/MVN{S}.W <Rd>, #<const>
    private static LoweredInsn ModifiedImmediate32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), imm12 = Immediate12(raw);
        bool s = Bits(raw, 20, 20) != 0;
        uint operation = AluOperation(Bits(raw, 24, 21), s, rn, rd);
        if (ThumbModifiedImmediate.IsUnpredictable(imm12) || !AluRegistersAllowed(operation, rn, rd))
        {
            return LoweredInsn.Undefined;
        }
        return new LoweredInsn(AluHandler<ThumbModifiedImmediate>(operation, s), ThumbModifiedImmediate.Word(rn, rd, imm12));
    }

    // <op>{S}.W <Rd>, <Rn>, <Rm>{, <shift> #<n>} and its aliases; MOV{S}.W, LSL/LSR/ASR/ROR{S}.W #<n>, RRX{S}
    private static LoweredInsn ShiftedRegister32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), rm = Bits(raw, 3, 0);
        uint type = Bits(raw, 5, 4), amount = (Bits(raw, 14, 12) << 2) | Bits(raw, 7, 6);
        bool s = Bits(raw, 20, 20) != 0;
        uint operation = AluOperation(Bits(raw, 24, 21), s, rn, rd);
        bool allowed;
        if (operation == Mov && type == Lsl && amount == 0)
        {
            // MOV{S}.W <Rd>, <Rm>: without S only PC and SP-to-SP are UNPREDICTABLE.
            allowed = s ? !IsSpOrPc(rd) && !IsSpOrPc(rm) : rd != 15 && rm != 15 && !(rd == 13 && rm == 13);
        }
        else
        {
            allowed = AluRegistersAllowed(operation, rn, rd) && !IsSpOrPc(rm);
            if ((operation == Add || operation == Sub) && rn == 13 && rd == 13 && (type != Lsl || amount > 3))
            {
                allowed = false; // ADD/SUB SP, SP, <Rm> allows only LSL #0-3
            }
        }
        if (!allowed)
        {
            return LoweredInsn.Undefined;
        }
        if (operation == Orn)
        {
            return new LoweredInsn(AluHandler<ImmediateShift>(Orn, s), DataProcessingRegister(0, s, rn, rd, rm, type, amount));
        }
        bool isMove = operation is Mov or Mvn, isTest = operation is Tst or Teq or Cmp or Cmn;
        return Lower(DataProcessingRegister(operation, s, isMove ? 0 : rn, isTest ? 0 : rd, rm, type, amount));
    }

    // PKHBT <Rd>, <Rn>, <Rm>{, LSL #<n>} | PKHTB <Rd>, <Rn>, <Rm>{, ASR #<n>}
    private static LoweredInsn PackHalfword32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), rm = Bits(raw, 3, 0);
        if (IsSpOrPc(rd) || IsSpOrPc(rn) || IsSpOrPc(rm))
        {
            return LoweredInsn.Undefined;
        }
        uint amount = (Bits(raw, 14, 12) << 2) | Bits(raw, 7, 6);
        return Lower(Always | 0x0680_0010 | (rn << 16) | (rd << 12) | (amount << 7) | (Bits(raw, 5, 5) << 6) | rm);
    }

    // LSL/LSR/ASR/ROR{S}.W <Rd>, <Rn>, <Rm>   (MOV{S} Rd, Rn, <shift> Rm in A32)
    private static LoweredInsn ShiftByRegister32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), rm = Bits(raw, 3, 0);
        if (IsSpOrPc(rd) || IsSpOrPc(rn) || IsSpOrPc(rm))
        {
            return LoweredInsn.Undefined;
        }
        return Lower(DataProcessingShiftedByRegister(Mov, Bits(raw, 20, 20) != 0, 0, rd, rn, Bits(raw, 22, 21), rm));
    }

    // ADDW/SUBW <Rd>, <Rn>, #<imm12> (SP allowed as Rn) | ADR.W <Rd>, <label> (Rn = PC: Align(PC, 4) ± imm12)
    private static LoweredInsn AddSubtractWide32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), imm12 = Immediate12(raw);
        bool subtract = Bits(raw, 23, 23) != 0;
        if (rn == 15)
        {
            return IsSpOrPc(rd) ? LoweredInsn.Undefined : new LoweredInsn(&ThumbMisc.Adr, ThumbMisc.AdrWord(rd, imm12, add: !subtract));
        }
        if (rn == 13 ? rd == 15 : IsSpOrPc(rd))
        {
            return LoweredInsn.Undefined;
        }
        uint word = ThumbDataPlainImmediate.Word(rn, rd, imm12);
        return subtract
            ? new LoweredInsn(&DataProcessing.Execute<SubOp, ThumbDataPlainImmediate, KeepFlags>, word)
            : new LoweredInsn(&DataProcessing.Execute<AddOp, ThumbDataPlainImmediate, KeepFlags>, word);
    }

    // MOVW <Rd>, #<imm16> | MOVT <Rd>, #<imm16>   (imm16 = imm4:i:imm3:imm8)
    private static LoweredInsn MoveWide32(uint raw, bool inItBlock)
    {
        uint rd = Bits(raw, 11, 8);
        if (IsSpOrPc(rd))
        {
            return LoweredInsn.Undefined;
        }
        uint top = Bits(raw, 23, 23) != 0 ? 0x0040_0000u : 0;
        return Lower(Always | 0x0300_0000 | top | (Bits(raw, 19, 16) << 16) | (rd << 12) | Immediate12(raw));
    }

    // SSAT/USAT <Rd>, #<imm>, <Rn>{, LSL|ASR #<n>} | SSAT16/USAT16 <Rd>, #<imm>, <Rn>
    private static LoweredInsn Saturate32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8);
        uint amount = (Bits(raw, 14, 12) << 2) | Bits(raw, 7, 6);
        bool asr = Bits(raw, 21, 21) != 0;
        if (IsSpOrPc(rd) || IsSpOrPc(rn))
        {
            return LoweredInsn.Undefined;
        }
        uint unsignedBit = Bits(raw, 23, 23) << 22; // A32 0110 101x (SSAT) / 0110 111x (USAT)
        if (asr && amount == 0)
        {
            // SSAT16/USAT16: saturate_to in bits 3:0; a set bit 4 or 5 breaks a (0) and lands here too.
            if (Bits(raw, 5, 4) != 0)
            {
                return LoweredInsn.Undefined;
            }
            return Lower(Always | 0x06A0_0F30 | unsignedBit | (Bits(raw, 3, 0) << 16) | (rd << 12) | rn);
        }
        return Lower(Always | 0x06A0_0010 | unsignedBit | (Bits(raw, 4, 0) << 16) | (rd << 12) | (amount << 7) | (asr ? 1u << 6 : 0) | rn);
    }

    // SBFX/UBFX <Rd>, <Rn>, #<lsb>, #<width> | BFI <Rd>, <Rn>, #<lsb>, #<width> | BFC <Rd>, #<lsb>, #<width>
    private static LoweredInsn BitField32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rd = Bits(raw, 11, 8), field = Bits(raw, 4, 0);
        uint lsb = (Bits(raw, 14, 12) << 2) | Bits(raw, 7, 6);
        uint op = Bits(raw, 23, 21); // 010 SBFX, 011 BFI/BFC, 110 UBFX
        if (op == 0b011)
        {
            // BFI/BFC: field is msb; msb < lsb is UNPREDICTABLE.
            if (IsSpOrPc(rd) || rn == 13 || field < lsb)
            {
                return LoweredInsn.Undefined;
            }
            return Lower(Always | 0x07C0_0010 | (field << 16) | (rd << 12) | (lsb << 7) | rn);
        }
        // SBFX/UBFX: field is width - 1; a field past bit 31 is UNPREDICTABLE.
        if (IsSpOrPc(rd) || IsSpOrPc(rn) || lsb + field > 31)
        {
            return LoweredInsn.Undefined;
        }
        uint unsignedBit = op == 0b110 ? 1u << 22 : 0;
        return Lower(Always | 0x07A0_0050 | unsignedBit | (field << 16) | (rd << 12) | (lsb << 7) | rn);
    }
}
