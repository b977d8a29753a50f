// The offset of LDRD/STRD (immediate) and LDREX/STREX in Thumb: imm8 in bits 7:0, in words.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary><c>#imm8 * 4</c> of a T32 encoding (hw2[7:0]); the U bit (23) picks add or subtract where the form has one.</summary>
internal unsafe struct ThumbOffsetScaled8 : IOffset
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw) => (raw & 0xFF) << 2;
}
