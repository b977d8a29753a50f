// Bit positions of the ARMv7 program status registers (CPSR/SPSR).
namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>CPSR/SPSR field masks.</summary>
public static class Psr
{
    public const uint N = 1u << 31;
    public const uint Z = 1u << 30;
    public const uint C = 1u << 29;
    public const uint V = 1u << 28;
    public const uint Nzcv = 0xF000_0000;
    public const uint Q = 1u << 27;
    public const uint ItLow = 3u << 25;
    public const uint J = 1u << 24;
    public const uint Ge = 0xFu << 16;
    public const uint ItHigh = 0x3Fu << 10;
    public const uint E = 1u << 9;
    public const uint A = 1u << 8;
    public const uint I = 1u << 7;
    public const uint F = 1u << 6;
    public const uint T = 1u << 5;
    public const uint M = 0x1F;

    /// <summary>Bits held in <see cref="ArmCore.Control"/>: everything but the flags NZCV, Q and GE, and ITSTATE.</summary>
    public const uint ControlMask = ~(Nzcv | Q | Ge | ItLow | ItHigh);

    /// <summary>Bits that exist in CPSR on the A9 (bits 23:20 are reserved, read as zero).</summary>
    public const uint Implemented = Nzcv | Q | ItLow | J | Ge | ItHigh | E | A | I | F | T | M;
}
