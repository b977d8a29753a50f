// ARMv7 processor modes (CPSR.M encodings) and the register-bank index each one uses.
namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>CPSR.M[4:0] values of the modes a Cortex-A9 implements.</summary>
public enum ProcessorMode : uint
{
    User = 0x10,
    Fiq = 0x11,
    Irq = 0x12,
    Supervisor = 0x13,
    Monitor = 0x16,
    Abort = 0x17,
    Undefined = 0x1B,
    System = 0x1F,
}

/// <summary>Maps a mode to the index of its banked SP/LR/SPSR set (User and System share bank 0).</summary>
public static class ModeBank
{
    public const int Count = 7;

    /// <summary>Bank index for a valid mode, or -1 when the encoding is not a mode the A9 implements.</summary>
    public static int Of(uint mode)
    {
        switch (mode & 0x1F)
        {
            case 0x10: case 0x1F: return 0;
            case 0x11: return 1;
            case 0x12: return 2;
            case 0x13: return 3;
            case 0x17: return 4;
            case 0x1B: return 5;
            case 0x16: return 6;
            default: return -1;
        }
    }

    public static bool IsValid(uint mode) => Of(mode) >= 0;
}
