// The offset of LDRD (literal) in Thumb: imm8 * 4 from Align(PC, 4), where R[15] may be only halfword aligned.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// Used with Rn = PC: the handler adds or subtracts (by U, bit 23) the offset to R[15]; as in
/// <see cref="ThumbLiteralOffset"/> the alignment is folded in, so the address is Align(PC, 4) ± imm8 * 4.
/// </summary>
internal unsafe struct ThumbOffsetLiteralScaled8 : IOffset
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw)
    {
        uint misalign = core.R[15] & 2;
        uint imm = (raw & 0xFF) << 2;
        return (raw & (1u << 23)) != 0 ? imm - misalign : imm + misalign;
    }
}
