// Handlers of the saturating instructions: QADD, QSUB, QDADD, QDSUB, SSAT, USAT, SSAT16, USAT16.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>Saturating arithmetic. Saturation sets the sticky APSR.Q; nothing here ever clears it.</summary>
internal static unsafe class Saturating
{
    private static int Rd(uint raw) => (int)(raw >> 12) & 15;     // bits 15:12
    private static int Rn(ArmCore core, uint raw) => (int)core.R[raw & 15];  // bits 3:0 (SSAT/USAT operand)

    /// <summary>SignedSatQ: clamps to the signed range of <paramref name="bits"/> bits (1-32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long SignedSat(long value, int bits, ref bool saturated)
    {
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        if (value > max)
        {
            saturated = true;
            return max;
        }
        if (value < min)
        {
            saturated = true;
            return min;
        }
        return value;
    }

    /// <summary>UnsignedSatQ: clamps to 0 .. 2^bits - 1 (bits 0-31).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long UnsignedSat(long value, int bits, ref bool saturated)
    {
        long max = (1L << bits) - 1;
        if (value > max)
        {
            saturated = true;
            return max;
        }
        if (value < 0)
        {
            saturated = true;
            return 0;
        }
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetQIf(ArmCore core, bool saturated)
    {
        if (saturated)
        {
            core.QFlag = Psr.Q;
        }
    }

    // QADD and friends: cccc 0001 0oo0 nnnn dddd 0000 0101 mmmm; first operand Rm (bits 3:0), second Rn (bits 19:16).
    private static long First(ArmCore core, uint raw) => (int)core.R[raw & 15];
    private static long Second(ArmCore core, uint raw) => (int)core.R[(raw >> 16) & 15];

    // QADD<c> <Rd>, <Rm>, <Rn>
    public static void Qadd(ArmCore core, uint raw)
    {
        bool saturated = false;
        long result = SignedSat(First(core, raw) + Second(core, raw), 32, ref saturated);
        Media.WriteRegister(core, Rd(raw), (uint)result);
        SetQIf(core, saturated);
    }

    // QSUB<c> <Rd>, <Rm>, <Rn>
    public static void Qsub(ArmCore core, uint raw)
    {
        bool saturated = false;
        long result = SignedSat(First(core, raw) - Second(core, raw), 32, ref saturated);
        Media.WriteRegister(core, Rd(raw), (uint)result);
        SetQIf(core, saturated);
    }

    // QDADD<c> <Rd>, <Rm>, <Rn>
    public static void Qdadd(ArmCore core, uint raw)
    {
        bool saturated = false;
        long doubled = SignedSat(2 * Second(core, raw), 32, ref saturated);
        long result = SignedSat(First(core, raw) + doubled, 32, ref saturated);
        Media.WriteRegister(core, Rd(raw), (uint)result);
        SetQIf(core, saturated);
    }

    // QDSUB<c> <Rd>, <Rm>, <Rn>
    public static void Qdsub(ArmCore core, uint raw)
    {
        bool saturated = false;
        long doubled = SignedSat(2 * Second(core, raw), 32, ref saturated);
        long result = SignedSat(First(core, raw) - doubled, 32, ref saturated);
        Media.WriteRegister(core, Rd(raw), (uint)result);
        SetQIf(core, saturated);
    }

    /// <summary>The shifted operand of SSAT/USAT: LSL #imm5 (sh = 0) or ASR #imm5 with 0 meaning ASR #32 (sh = 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ShiftedOperand(ArmCore core, uint raw)
    {
        int imm5 = (int)(raw >> 7) & 31;
        int value = Rn(core, raw);
        if ((raw & (1u << 6)) == 0)
        {
            return (int)((uint)value << imm5);
        }
        return value >> (imm5 == 0 ? 31 : imm5); // ASR #32 gives the same 32 bits as ASR #31
    }

    // SSAT<c> <Rd>, #<imm>, <Rn>{, <shift>}
    public static void Ssat(ArmCore core, uint raw)
    {
        bool saturated = false;
        int saturateTo = (int)((raw >> 16) & 31) + 1;
        long result = SignedSat(ShiftedOperand(core, raw), saturateTo, ref saturated);
        Media.WriteRegister(core, Rd(raw), (uint)result);
        SetQIf(core, saturated);
    }

    // USAT<c> <Rd>, #<imm>, <Rn>{, <shift>}
    public static void Usat(ArmCore core, uint raw)
    {
        bool saturated = false;
        int saturateTo = (int)(raw >> 16) & 31;
        long result = UnsignedSat(ShiftedOperand(core, raw), saturateTo, ref saturated);
        Media.WriteRegister(core, Rd(raw), (uint)result);
        SetQIf(core, saturated);
    }

    // SSAT16<c> <Rd>, #<imm>, <Rn>
    public static void Ssat16(ArmCore core, uint raw)
    {
        bool saturated = false;
        int saturateTo = (int)((raw >> 16) & 15) + 1;
        uint n = core.R[raw & 15];
        long lo = SignedSat((short)n, saturateTo, ref saturated);
        long hi = SignedSat((short)(n >> 16), saturateTo, ref saturated);
        Media.WriteRegister(core, Rd(raw), ((uint)lo & 0xFFFF) | ((uint)hi << 16));
        SetQIf(core, saturated);
    }

    // USAT16<c> <Rd>, #<imm>, <Rn>
    public static void Usat16(ArmCore core, uint raw)
    {
        bool saturated = false;
        int saturateTo = (int)(raw >> 16) & 15;
        uint n = core.R[raw & 15];
        long lo = UnsignedSat((short)n, saturateTo, ref saturated);
        long hi = UnsignedSat((short)(n >> 16), saturateTo, ref saturated);
        Media.WriteRegister(core, Rd(raw), (uint)lo | ((uint)hi << 16));
        SetQIf(core, saturated);
    }
}
