// ORN, the one T32 data-processing operation with no A32 opcode: Rn OR NOT operand 2.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// ORN{S} (T32 only): a logical operation for the A32 generic body <see cref="DataProcessing.Execute{TOp, TOperand, TFlags}"/>,
/// so with S it sets N and Z from the result, C from the shifter (or ThumbExpandImm_C) and keeps V.
/// </summary>
internal unsafe struct ThumbDataOrnOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return a | ~b; }
}
