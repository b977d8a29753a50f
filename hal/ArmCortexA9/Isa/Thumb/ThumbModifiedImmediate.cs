// Operand 2 of the T32 data-processing (modified immediate) encodings: ThumbExpandImm_C of i:imm3:imm8.
using System.Numerics;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// <c>#&lt;const&gt;</c> of a T32 data-processing instruction, as an operand of the A32 generic body
/// <see cref="DataProcessing.Execute{TOp, TOperand, TFlags}"/>. The lowered word keeps Rn in bits 19:16, Rd in
/// bits 15:12 (where the A32 body reads them) and the Thumb field i:imm3:imm8 in bits 11:0. ThumbExpandImm_C
/// (ARM ARM A6.3.2) gives constants an A32 rotation cannot (0x00XY00XY, 0xXY00XY00, 0xXYXYXYXY, odd
/// rotations) and its own carry rule: the plain and replicated forms keep C, the rotated forms set C to bit 31.
/// </summary>
internal unsafe struct ThumbModifiedImmediate : IShifterOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw, out uint carry)
    {
        uint imm12 = raw & 0xFFF;
        if ((imm12 & 0xC00) == 0)
        {
            carry = core.Carry;
            return Replicated(imm12);
        }
        uint value = Rotated(imm12);
        carry = value >> 31;
        return value;
    }

    /// <summary>ThumbExpandImm of a 12-bit field i:imm3:imm8.</summary>
    public static uint Expand(uint imm12) => (imm12 & 0xC00) == 0 ? Replicated(imm12) : Rotated(imm12);

    /// <summary>True when the field is UNPREDICTABLE: a replicated form (imm12[9:8] != 00) of imm8 = 0.</summary>
    public static bool IsUnpredictable(uint imm12) => (imm12 & 0xC00) == 0 && (imm12 & 0x300) != 0 && (imm12 & 0xFF) == 0;

    /// <summary>The lowered word: Rn, Rd and the 12-bit field where the handler reads them.</summary>
    public static uint Word(uint rn, uint rd, uint imm12) => (rn << 16) | (rd << 12) | (imm12 & 0xFFF);

    /// <summary>imm12[11:10] = 00: imm8 alone (imm12[9:8] = 00) or repeated in halfwords or bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Replicated(uint imm12)
    {
        uint imm8 = imm12 & 0xFF;
        return ((imm12 >> 8) & 3) switch
        {
            0 => imm8,
            1 => imm8 * 0x0001_0001u,
            2 => imm8 * 0x0100_0100u,
            _ => imm8 * 0x0101_0101u,
        };
    }

    /// <summary>'1':imm12[6:0] rotated right by imm12[11:7] (8 to 31).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rotated(uint imm12) => BitOperations.RotateRight(0x80 | (imm12 & 0x7F), (int)(imm12 >> 7));
}
