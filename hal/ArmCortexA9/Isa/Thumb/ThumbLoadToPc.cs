// Handlers of the T32 loads that write the PC: the A32 load and LDM bodies behind the IT-block rule for PC writes.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// LDR PC and LDM/POP with PC in the list interwork (LoadWritePC) exactly as their A32 twins do, so the
/// words are A32 words; in Thumb such a load must also be the last instruction of an IT block if it is in
/// one (UNPREDICTABLE otherwise, UNDEFINED here). Only encodings with Rt = PC lower to these.
/// </summary>
internal static unsafe class ThumbLoadToPc
{
    // LDR<c>.W PC, [<Rn>{, <offset>}]{!}  |  LDR<c>.W PC, [<Rn>], <offset>  |  LDR<c>.W PC, <label>
    public static void Load<TIndex, TOffset>(ArmCore core, uint raw)
        where TIndex : struct, IIndexing where TOffset : struct, IOffset
    {
        if (ThumbBranch.UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        LoadStore.Load<Word, TIndex, TOffset>(core, raw);
    }

    // LDM{IA,DB}<c>.W <Rn>{!}, <registers with pc>  |  POP<c>.W <registers with pc>
    public static void Multiple(ArmCore core, uint raw)
    {
        if (ThumbBranch.UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        LoadStoreMultiple.LoadMultiple(core, raw);
    }
}
