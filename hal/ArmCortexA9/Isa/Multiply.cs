// Handlers of the 32- and 64-bit multiplies: MUL, MLA, MLS, UMULL, UMLAL, SMULL, SMLAL, UMAAL.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>Multiplies. With S, N and Z come from the result; C and V are unchanged (ARMv6 onwards).</summary>
internal static unsafe class Multiply
{
    private const uint SBit = 1u << 20;

    private static uint Rn(ArmCore core, uint raw) => core.R[raw & 15];          // bits 3:0
    private static uint Rm(ArmCore core, uint raw) => core.R[(raw >> 8) & 15];   // bits 11:8
    private static int Rd(uint raw) => (int)(raw >> 16) & 15;                    // bits 19:16
    private static int Ra(uint raw) => (int)(raw >> 12) & 15;                    // bits 15:12

    // MUL{S}<c> <Rd>, <Rn>, <Rm>
    public static void Mul(ArmCore core, uint raw)
    {
        uint result = Rn(core, raw) * Rm(core, raw);
        core.R[Rd(raw)] = result;
        if ((raw & SBit) != 0)
        {
            core.SetNz(result);
        }
    }

    // MLA{S}<c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Mla(ArmCore core, uint raw)
    {
        uint result = Rn(core, raw) * Rm(core, raw) + core.R[Ra(raw)];
        core.R[Rd(raw)] = result;
        if ((raw & SBit) != 0)
        {
            core.SetNz(result);
        }
    }

    // MLS<c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Mls(ArmCore core, uint raw)
    {
        core.R[Rd(raw)] = core.R[Ra(raw)] - Rn(core, raw) * Rm(core, raw);
    }

    private static void WriteLong(ArmCore core, uint raw, ulong result)
    {
        core.R[Ra(raw)] = (uint)result;          // RdLo, bits 15:12
        core.R[Rd(raw)] = (uint)(result >> 32);  // RdHi, bits 19:16
        if ((raw & SBit) != 0)
        {
            core.Nzcv = ((uint)(result >> 32) & Psr.N) | (result == 0 ? Psr.Z : 0) | (core.Nzcv & (Psr.C | Psr.V));
        }
    }

    private static ulong Accumulator(ArmCore core, uint raw) => ((ulong)core.R[Rd(raw)] << 32) | core.R[Ra(raw)];

    // UMULL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    public static void Umull(ArmCore core, uint raw) => WriteLong(core, raw, (ulong)Rn(core, raw) * Rm(core, raw));

    // UMLAL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    public static void Umlal(ArmCore core, uint raw)
        => WriteLong(core, raw, (ulong)Rn(core, raw) * Rm(core, raw) + Accumulator(core, raw));

    // SMULL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    public static void Smull(ArmCore core, uint raw)
        => WriteLong(core, raw, (ulong)((long)(int)Rn(core, raw) * (int)Rm(core, raw)));

    // SMLAL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    public static void Smlal(ArmCore core, uint raw)
        => WriteLong(core, raw, (ulong)((long)(int)Rn(core, raw) * (int)Rm(core, raw)) + Accumulator(core, raw));

    // UMAAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    public static void Umaal(ArmCore core, uint raw)
    {
        ulong result = (ulong)Rn(core, raw) * Rm(core, raw) + core.R[Rd(raw)] + core.R[Ra(raw)];
        core.R[Ra(raw)] = (uint)result;
        core.R[Rd(raw)] = (uint)(result >> 32);
    }
}
