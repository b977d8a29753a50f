// The offset of a Thumb PC-relative load: it addresses from Align(PC, 4), where R[15] may be only halfword aligned.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// Used with the A32 load handlers and Rn = PC: the handler adds or subtracts (by U, bit 23) the offset to
/// R[15]; this offset folds in the alignment, so the address is Align(PC, 4) ± imm12.
/// </summary>
internal unsafe struct ThumbLiteralOffset : IOffset
{
    public static uint Get(ArmCore core, uint raw)
    {
        uint misalign = core.R[15] & 2;
        uint imm = raw & 0xFFF;
        return (raw & (1u << 23)) != 0 ? imm - misalign : imm + misalign;
    }
}
