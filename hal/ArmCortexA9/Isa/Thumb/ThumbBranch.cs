// Handlers of the Thumb branches with no A32 twin: B and B<c> (both widths), CBZ/CBNZ, BL, BLX, BLX (register), BXJ.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// Their words are laid out at lowering: a branch offset is stored already sign-decoded in bits 27:0
/// with its condition in bits 31:28 (AL for unconditional forms), so one handler serves every width.
/// The T32 forms enforce the IT-block rules the ARM ARM makes UNPREDICTABLE (UNDEFINED here): B&lt;c&gt;.W may
/// not sit in an IT block, and the other branches may only be its last instruction.
/// </summary>
internal static unsafe class ThumbBranch
{
    /// <summary>The word of a branch with condition <paramref name="cond"/> and byte offset <paramref name="offset"/>.</summary>
    public static uint Word(uint cond, int offset) => (cond << 28) | ((uint)offset & 0x0FFF_FFFF);

    private static uint Offset(uint raw) => (uint)((int)(raw << 4) >> 4);

    // B<c> <label>  (T1-T4; the condition is AL for T2 and T4, which IT blocks condition instead)
    public static void B(ArmCore core, uint raw)
    {
        uint cond = raw >> 28;
        if (cond == 14 || core.ConditionPasses(cond))
        {
            core.NextPc = core.R[15] + Offset(raw);
        }
    }

    /// <summary>
    /// For the PC-writing T32 encodings: takes the UNDEFINED exception and returns true when the instruction
    /// is inside an IT block but not its last instruction (InITBlock() &amp;&amp; !LastInITBlock()).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool UndefinedUnlessLastInItBlock(ArmCore core)
    {
        if (core.ItState == 0)
        {
            return false; // outside an IT block, or its last instruction (ITSTATE has already advanced)
        }
        core.Undefined();
        return true;
    }

    // B<c>.W <label>  (T3: the condition is in the encoding, so the instruction may not sit in an IT block)
    public static void BConditionalWide(ArmCore core, uint raw)
    {
        if (core.InItBlock)
        {
            core.Undefined();
            return;
        }
        if (core.ConditionPasses(raw >> 28))
        {
            core.NextPc = core.R[15] + Offset(raw);
        }
    }

    // B.W <label>  (T4: the last instruction of an IT block if in one)
    public static void BWide(ArmCore core, uint raw)
    {
        if (UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        core.NextPc = core.R[15] + Offset(raw);
    }

    // BL <label>  (LR takes the next instruction's address with bit 0 set)
    public static void Bl(ArmCore core, uint raw)
    {
        if (UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        uint pc = core.R[15];
        core.R[14] = pc | 1;
        core.NextPc = pc + Offset(raw);
    }

    // BLX <label>  (to ARM state: the target is Align(PC, 4) + offset)
    public static void BlxImmediate(ArmCore core, uint raw)
    {
        if (UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        uint pc = core.R[15];
        core.R[14] = pc | 1;
        core.BxWritePc((pc & ~3u) + Offset(raw));
    }

    // BLX<c> <Rm>
    public static void BlxRegister(ArmCore core, uint raw)
    {
        uint target = core.R[(raw >> 3) & 15];
        core.R[14] = (core.R[15] - 2) | 1;
        core.BxWritePc(target);
    }

    // BXJ<c> <Rm>   (raw: the A32 BXJ word; no Jazelle, so the A32 BX handler; the last instruction of an IT block if in one)
    public static void Bxj(ArmCore core, uint raw)
    {
        if (UndefinedUnlessLastInItBlock(core))
        {
            return;
        }
        Branch.Bx(core, raw);
    }

    // CB{N}Z <Rn>, <label>   (raw: the T16 encoding)
    public static void Cbz(ArmCore core, uint raw)
    {
        bool zero = core.R[raw & 7] == 0;
        if (zero != ((raw & 0x800) != 0))
        {
            core.NextPc = core.R[15] + (((raw >> 3) & 0x40) | ((raw >> 2) & 0x3E));
        }
    }
}
