// Handlers of SVC, BKPT and SMC (BKPT serves both instruction sets), with the semihosting traps SVC 0x123456 and BKPT 0xAB.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

internal static unsafe class ExceptionGenerating
{
    public const uint SemihostingSvc = 0x12_3456;
    public const uint SemihostingBkpt = 0xAB;

    // SVC<c> #<imm24>
    public static void Svc(ArmCore core, uint raw)
    {
        if ((raw & 0xFF_FFFF) == SemihostingSvc && core.Board.Semihosting.Enabled && !core.IsUserMode)
        {
            core.Board.Semihosting.Call(core);
            return;
        }
        core.TakeException(ExceptionKind.SupervisorCall, core.R[15] - 4);
    }

    // BKPT #<imm16>
    public static void Bkpt(ArmCore core, uint raw)
    {
        uint imm16 = ((raw >> 4) & 0xFFF0) | (raw & 0xF);
        if (imm16 == SemihostingBkpt && core.Board.Semihosting.Enabled)
        {
            core.Board.Semihosting.Call(core);
            return;
        }
        // A debug event with no debugger attached: a prefetch abort with IFSR = debug event (FS 0b00010).
        uint pc = core.CurrentInstructionAddress;
        core.Ifsr = 0x2;
        core.Ifar = pc;
        core.TakeException(ExceptionKind.PrefetchAbort, pc + 4);
    }

    // SMC<c> #<imm4>
    public static void Smc(ArmCore core, uint raw)
    {
        // The board runs without Secure-monitor firmware (as QEMU's vexpress-a9 does by default): UNDEFINED.
        core.Undefined();
    }
}
