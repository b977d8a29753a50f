// Handlers of TBB and TBH: a forward branch by twice a byte or halfword read from a table at Rn + Rm.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// The word is the T32 encoding: Rn in 19:16 (PC allowed: R[15] then reads as the instruction's address + 4,
/// the table usually following the instruction), Rm in 3:0. The target is PC + 2 * entry. A table branch
/// must be the last instruction of an IT block if it is in one.
/// </summary>
internal static unsafe class ThumbTableBranch
{
    // TBB<c> [<Rn>, <Rm>]
    public static void Tbb(ArmCore core, uint raw)
    {
        if (ThumbBranch.UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        if (!core.Read8(core.R[(raw >> 16) & 15] + core.R[raw & 15], out uint entry))
        {
            return;
        }
        core.NextPc = core.R[15] + 2 * entry;
    }

    // TBH<c> [<Rn>, <Rm>, LSL #1]
    public static void Tbh(ArmCore core, uint raw)
    {
        if (ThumbBranch.UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        if (!core.Read16(core.R[(raw >> 16) & 15] + (core.R[raw & 15] << 1), out uint entry))
        {
            return;
        }
        core.NextPc = core.R[15] + 2 * entry;
    }
}
