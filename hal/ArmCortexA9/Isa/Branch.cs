// Handlers of B, BL, BLX (immediate and register), BX and BXJ.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

internal static unsafe class Branch
{
    private static uint Offset(uint raw) => (uint)(((int)(raw << 8)) >> 6);

    // B<c> <label>
    public static void B(ArmCore core, uint raw)
    {
        core.NextPc = core.R[15] + Offset(raw);
    }

    // BL<c> <label>
    public static void Bl(ArmCore core, uint raw)
    {
        uint pc = core.R[15];
        core.R[14] = pc - 4;
        core.NextPc = pc + Offset(raw);
    }

    // BLX <label>   (always switches to Thumb; H gives bit 1 of the target)
    public static void BlxImmediate(ArmCore core, uint raw)
    {
        uint pc = core.R[15];
        core.R[14] = pc - 4;
        core.BxWritePc((pc + Offset(raw) + ((raw >> 23) & 2)) | 1);
    }

    // BX<c> <Rm>     (BXJ<c> <Rm> behaves the same: the A9 has no Jazelle hardware)
    public static void Bx(ArmCore core, uint raw)
    {
        core.BxWritePc(core.R[raw & 15]);
    }

    // BLX<c> <Rm>
    public static void BlxRegister(ArmCore core, uint raw)
    {
        uint target = core.R[raw & 15];
        core.R[14] = core.R[15] - 4;
        core.BxWritePc(target);
    }
}
