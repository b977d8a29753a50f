// Handlers of the DSP multiplies: halfword (SMLAxy, SMULxy, SMLAWy, SMULWy, SMLALxy), dual (SMUAD..SMLSLD) and most-significant-word (SMMUL, SMMLA, SMMLS).
using System.Numerics;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>
/// Signed multiplies of the DSP extension. Every encoding has Rd (or RdHi) in bits 19:16, Ra (or RdLo) in bits 15:12,
/// Rm in bits 11:8 and Rn in bits 3:0. Q is set, never cleared, where the ARM ARM pseudocode detects signed overflow
/// of a 32-bit result: SMLAxy, SMLAWy, SMUAD, SMLAD and SMLSD.
/// </summary>
internal static unsafe class SignedMultiply
{
    private static uint Rn(ArmCore core, uint raw) => core.R[raw & 15];          // bits 3:0
    private static uint Rm(ArmCore core, uint raw) => core.R[(raw >> 8) & 15];   // bits 11:8
    private static int Ra(ArmCore core, uint raw) => (int)core.R[(raw >> 12) & 15];
    private static int Rd(uint raw) => (int)(raw >> 16) & 15;                    // bits 19:16
    private static int RdLo(uint raw) => (int)(raw >> 12) & 15;                  // bits 15:12

    /// <summary>The bottom (selector 0) or top halfword of a register, sign-extended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Halfword(uint value, uint selector) => selector == 0 ? (short)value : (short)(value >> 16);

    /// <summary>SInt(Rn&lt;x&gt;) * SInt(Rm&lt;y&gt;) with x from bit 5 and y from bit 6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HalfwordProduct(ArmCore core, uint raw)
        => Halfword(Rn(core, raw), raw & (1u << 5)) * Halfword(Rm(core, raw), raw & (1u << 6));

    /// <summary>Writes a 32-bit result and sets Q when the exact result does not fit in 32 signed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteWithOverflow(ArmCore core, int d, long result)
    {
        Media.WriteRegister(core, d, (uint)result);
        if (result != (int)result)
        {
            core.QFlag = Psr.Q;
        }
    }

    /// <summary>Writes a 64-bit result to RdLo (bits 15:12) then RdHi (bits 19:16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteLong(ArmCore core, uint raw, long result)
    {
        Media.WriteRegister(core, RdLo(raw), (uint)result);
        Media.WriteRegister(core, Rd(raw), (uint)((ulong)result >> 32));
    }

    private static long Accumulator64(ArmCore core, uint raw)
        => (long)(((ulong)core.R[Rd(raw)] << 32) | core.R[RdLo(raw)]);

    // SMLA<x><y><c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Smlaxy(ArmCore core, uint raw)
        => WriteWithOverflow(core, Rd(raw), (long)HalfwordProduct(core, raw) + Ra(core, raw));

    // SMUL<x><y><c> <Rd>, <Rn>, <Rm>
    public static void Smulxy(ArmCore core, uint raw)
        => Media.WriteRegister(core, Rd(raw), (uint)HalfwordProduct(core, raw));

    /// <summary>SInt(Rn) * SInt(Rm&lt;y&gt;), y from bit 6: a 48-bit product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long WordByHalfword(ArmCore core, uint raw)
        => (long)(int)Rn(core, raw) * Halfword(Rm(core, raw), raw & (1u << 6));

    // SMLAW<y><c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Smlawy(ArmCore core, uint raw)
        => WriteWithOverflow(core, Rd(raw), (WordByHalfword(core, raw) + ((long)Ra(core, raw) << 16)) >> 16);

    // SMULW<y><c> <Rd>, <Rn>, <Rm>
    public static void Smulwy(ArmCore core, uint raw)
        => Media.WriteRegister(core, Rd(raw), (uint)(WordByHalfword(core, raw) >> 16));

    // SMLAL<x><y><c> <RdLo>, <RdHi>, <Rn>, <Rm>
    public static void Smlalxy(ArmCore core, uint raw)
        => WriteLong(core, raw, Accumulator64(core, raw) + HalfwordProduct(core, raw));

    /// <summary>The two halfword products of Rn and Rm, Rm's halves swapped first when M (bit 5) is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DualProducts(ArmCore core, uint raw, out long lo, out long hi)
    {
        uint n = Rn(core, raw);
        uint m = Rm(core, raw);
        if ((raw & (1u << 5)) != 0)
        {
            m = BitOperations.RotateRight(m, 16);
        }
        lo = (short)n * (short)m;
        hi = (short)(n >> 16) * (short)(m >> 16);
    }

    // SMUAD{X}<c> <Rd>, <Rn>, <Rm>
    public static void Smuad(ArmCore core, uint raw)
    {
        DualProducts(core, raw, out long lo, out long hi);
        WriteWithOverflow(core, Rd(raw), lo + hi);
    }

    // SMUSD{X}<c> <Rd>, <Rn>, <Rm>
    public static void Smusd(ArmCore core, uint raw)
    {
        DualProducts(core, raw, out long lo, out long hi);
        Media.WriteRegister(core, Rd(raw), (uint)(lo - hi)); // cannot overflow; Q untouched
    }

    // SMLAD{X}<c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Smlad(ArmCore core, uint raw)
    {
        DualProducts(core, raw, out long lo, out long hi);
        WriteWithOverflow(core, Rd(raw), lo + hi + Ra(core, raw));
    }

    // SMLSD{X}<c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Smlsd(ArmCore core, uint raw)
    {
        DualProducts(core, raw, out long lo, out long hi);
        WriteWithOverflow(core, Rd(raw), lo - hi + Ra(core, raw));
    }

    // SMLALD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    public static void Smlald(ArmCore core, uint raw)
    {
        DualProducts(core, raw, out long lo, out long hi);
        WriteLong(core, raw, Accumulator64(core, raw) + lo + hi);
    }

    // SMLSLD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    public static void Smlsld(ArmCore core, uint raw)
    {
        DualProducts(core, raw, out long lo, out long hi);
        WriteLong(core, raw, Accumulator64(core, raw) + lo - hi);
    }

    /// <summary>SInt(Rn) * SInt(Rm) plus 0x80000000 when R (bit 5) asks for rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long RoundedProduct(ArmCore core, uint raw)
        => (long)(int)Rn(core, raw) * (int)Rm(core, raw) + ((raw & (1u << 5)) != 0 ? 0x8000_0000L : 0);

    // SMMUL{R}<c> <Rd>, <Rn>, <Rm>
    public static void Smmul(ArmCore core, uint raw)
        => Media.WriteRegister(core, Rd(raw), (uint)((ulong)RoundedProduct(core, raw) >> 32));

    // SMMLA{R}<c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Smmla(ArmCore core, uint raw)
    {
        long result = ((long)Ra(core, raw) << 32) + RoundedProduct(core, raw); // bits 63:32 survive the wrap
        Media.WriteRegister(core, Rd(raw), (uint)((ulong)result >> 32));
    }

    // SMMLS{R}<c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Smmls(ArmCore core, uint raw)
    {
        long product = (long)(int)Rn(core, raw) * (int)Rm(core, raw);
        long rounding = (raw & (1u << 5)) != 0 ? 0x8000_0000L : 0;
        long result = ((long)Ra(core, raw) << 32) - product + rounding;
        Media.WriteRegister(core, Rd(raw), (uint)((ulong)result >> 32));
    }
}
