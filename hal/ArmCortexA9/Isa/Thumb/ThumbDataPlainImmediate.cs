// Operand 2 of ADDW and SUBW: a zero-extended 12-bit immediate (T32 plain binary immediate encodings).
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// <c>#&lt;imm12&gt;</c> of ADDW/SUBW (ADD/SUB T4, and their SP forms), as an operand of the A32 generic body
/// <see cref="DataProcessing.Execute{TOp, TOperand, TFlags}"/>. The lowered word keeps Rn in bits 19:16, Rd in
/// bits 15:12 and i:imm3:imm8 in bits 11:0. These encodings never set flags, so the carry-out is only C.
/// </summary>
internal unsafe struct ThumbDataPlainImmediate : IShifterOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw, out uint carry)
    {
        carry = core.Carry;
        return raw & 0xFFF;
    }

    /// <summary>The lowered word: Rn, Rd and the 12-bit immediate where the handler reads them.</summary>
    public static uint Word(uint rn, uint rd, uint imm12) => (rn << 16) | (rd << 12) | (imm12 & 0xFFF);
}
