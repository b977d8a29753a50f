// Builders of A32 instruction words, used to lower Thumb encodings onto the A32 handlers that share their meaning.
using System.Numerics;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// A32 encodings with condition AL, built from fields (the ARM ARM's A5 encoding classes). A Thumb encoding
/// lowers to one of these when the A32 instruction has exactly its semantics; the run loop supplies the
/// Thumb PC (R[15] reads 4 ahead) and the condition (ITSTATE), so the A32 handler needs nothing else.
/// </summary>
public static class A32Words
{
    public const uint Always = 0xEu << 28;

    // Data-processing opcodes, bits 24:21.
    public const uint And = 0, Eor = 1, Sub = 2, Rsb = 3, Add = 4, Adc = 5, Sbc = 6, Rsc = 7;
    public const uint Tst = 8, Teq = 9, Cmp = 10, Cmn = 11, Orr = 12, Mov = 13, Bic = 14, Mvn = 15;

    // Shift types, bits 6:5.
    public const uint Lsl = 0, Lsr = 1, Asr = 2, Ror = 3;

    /// <summary>The handler the A32 table gives a word, paired with the word.</summary>
    public static unsafe LoweredInsn Lower(uint word) => new(A32Decoder.Decode(word), word);

    /// <summary>&lt;op&gt;{S} Rd, Rn, Rm {, shift #amount}.</summary>
    public static uint DataProcessingRegister(uint op, bool s, uint rn, uint rd, uint rm, uint shift = Lsl, uint amount = 0)
        => Always | (op << 21) | (s ? 1u << 20 : 0) | (rn << 16) | (rd << 12) | ((amount & 31) << 7) | (shift << 5) | rm;

    /// <summary>&lt;op&gt;{S} Rd, Rn, Rm, shift Rs.</summary>
    public static uint DataProcessingShiftedByRegister(uint op, bool s, uint rn, uint rd, uint rm, uint shift, uint rs)
        => Always | (op << 21) | (s ? 1u << 20 : 0) | (rn << 16) | (rd << 12) | (rs << 8) | (shift << 5) | 0x10 | rm;

    /// <summary>&lt;op&gt;{S} Rd, Rn, #rotated (an ARMExpandImm field, see <see cref="TryEncodeImmediate"/>).</summary>
    public static uint DataProcessingImmediate(uint op, bool s, uint rn, uint rd, uint imm12)
        => Always | (1u << 25) | (op << 21) | (s ? 1u << 20 : 0) | (rn << 16) | (rd << 12) | (imm12 & 0xFFF);

    /// <summary>
    /// The ARMExpandImm field (rot4:imm8) of a constant, when an even rotation of 8 bits gives it. The
    /// smallest rotation is chosen, as assemblers do: a zero rotation keeps the carry flag in logical ops.
    /// </summary>
    public static bool TryEncodeImmediate(uint value, out uint imm12)
    {
        for (int rot = 0; rot < 16; rot++)
        {
            uint imm8 = BitOperations.RotateLeft(value, 2 * rot);
            if (imm8 <= 0xFF)
            {
                imm12 = ((uint)rot << 8) | imm8;
                return true;
            }
        }
        imm12 = 0;
        return false;
    }

    /// <summary>LDR/STR/LDRB/STRB Rt, [Rn, #±imm12] (offset form, P = 1, W = 0).</summary>
    public static uint WordOrByteImmediate(bool load, bool isByte, uint rn, uint rt, uint imm12, bool add = true)
        => Always | (0b010u << 25) | (1u << 24) | (add ? 1u << 23 : 0) | (isByte ? 1u << 22 : 0) | (load ? 1u << 20 : 0)
           | (rn << 16) | (rt << 12) | (imm12 & 0xFFF);

    /// <summary>LDR/STR/LDRB/STRB Rt, [Rn, Rm, LSL #amount] (offset form).</summary>
    public static uint WordOrByteRegister(bool load, bool isByte, uint rn, uint rt, uint rm, uint amount = 0)
        => Always | (0b011u << 25) | (1u << 24) | (1u << 23) | (isByte ? 1u << 22 : 0) | (load ? 1u << 20 : 0)
           | (rn << 16) | (rt << 12) | ((amount & 31) << 7) | rm;

    /// <summary>
    /// The extra loads and stores, offset form: sh = 01 STRH/LDRH, 10 LDRSB, 11 LDRSH (with <paramref name="load"/>);
    /// [Rn, #±imm8].
    /// </summary>
    public static uint ExtraImmediate(bool load, uint sh, uint rn, uint rt, uint imm8, bool add = true)
        => Always | (1u << 24) | (add ? 1u << 23 : 0) | (1u << 22) | (load ? 1u << 20 : 0) | (rn << 16) | (rt << 12)
           | ((imm8 & 0xF0) << 4) | 0x90 | (sh << 5) | (imm8 & 0xF);

    /// <summary>The extra loads and stores, [Rn, Rm] (offset form).</summary>
    public static uint ExtraRegister(bool load, uint sh, uint rn, uint rt, uint rm)
        => Always | (1u << 24) | (1u << 23) | (load ? 1u << 20 : 0) | (rn << 16) | (rt << 12) | 0x90 | (sh << 5) | rm;

    /// <summary>LDM/STM Rn{!}, {list}: increment after (IA) or decrement before (DB).</summary>
    public static uint BlockTransfer(bool load, bool decrementBefore, bool writeBack, uint rn, uint list)
        => Always | (0b100u << 25) | (decrementBefore ? 1u << 24 : 1u << 23) | (writeBack ? 1u << 21 : 0)
           | (load ? 1u << 20 : 0) | (rn << 16) | (list & 0xFFFF);
}
