// Handlers of the Thumb instructions with no A32 twin outside branches: IT, ADR, SVC.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

internal static unsafe class ThumbMisc
{
    /// <summary>The Thumb semihosting trap of A-profile cores: SVC 0xAB.</summary>
    public const uint SemihostingSvc = 0xAB;

    // IT{x{y{z}}} <firstcond>   (raw: the T16 encoding; ITSTATE takes firstcond:mask)
    public static void It(ArmCore core, uint raw) => core.BeginItBlock(raw & 0xFF);

    // ADR <Rd>, <label>   (raw: see AdrWord)
    public static void Adr(ArmCore core, uint raw)
    {
        uint pc = core.R[15] & ~3u;
        uint offset = raw & 0xFFF;
        core.R[(raw >> 12) & 15] = (raw & (1u << 23)) != 0 ? pc + offset : pc - offset;
    }

    /// <summary>The word of ADR: U in bit 23, Rd in bits 15:12, the byte offset in bits 11:0.</summary>
    public static uint AdrWord(uint rd, uint offset, bool add) => (add ? 1u << 23 : 0) | (rd << 12) | (offset & 0xFFF);

    // SVC<c> #<imm8>   (raw: the T16 encoding)
    public static void Svc(ArmCore core, uint raw)
    {
        if ((raw & 0xFF) == SemihostingSvc && core.Board.Semihosting.Enabled && !core.IsUserMode)
        {
            core.Board.Semihosting.Call(core);
            return;
        }
        core.TakeException(ExceptionKind.SupervisorCall, core.R[15] - 2);
    }
}
