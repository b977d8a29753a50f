// Handlers of the T32 system encodings that an IT block restricts: CPS, SUBS PC, LR and RFE, around their A32 twins.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// The words are the A32 twins' words; each handler applies the IT-block rule the ARM ARM gives the Thumb
/// encoding (UNPREDICTABLE, UNDEFINED here) and then runs the A32 handler unchanged.
/// </summary>
internal static unsafe class ThumbSystem
{
    // CPS<effect>.W <iflags>{, #<mode>}  |  CPS #<mode>   (not allowed in an IT block)
    public static void Cps(ArmCore core, uint raw)
    {
        if (core.InItBlock)
        {
            core.Undefined();
            return;
        }
        StatusRegister.Cps(core, raw);
    }

    // SUBS<c> PC, LR, #<imm8>   (the A32 SUBS PC, LR, #imm8: an exception return; last in an IT block if in one)
    public static void SubsPcLr(ArmCore core, uint raw)
    {
        if (ThumbBranch.UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        DataProcessing.Execute<SubOp, RotatedImmediate, SetFlags>(core, raw);
    }

    // RFE{DB,IA}<c> <Rn>{!}   (last in an IT block if in one)
    public static void Rfe(ArmCore core, uint raw)
    {
        if (ThumbBranch.UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        StatusRegister.Rfe(core, raw);
    }
}
