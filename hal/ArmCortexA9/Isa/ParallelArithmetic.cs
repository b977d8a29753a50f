// Handlers of the parallel add/subtract instructions: the S, Q, SH, U, UQ and UH forms of ADD16, ASX, SAX, SUB16, ADD8, SUB8.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>
/// How one family of parallel instructions reads its lanes and turns an exact lane result into the lane it writes:
/// modular (S, U: also set GE), saturating (Q, UQ) or halving (SH, UH).
/// </summary>
internal interface IParallelKind
{
    /// <summary>True when the lanes are signed (S, Q, SH).</summary>
    static abstract bool Signed { get; }

    /// <summary>True for the S and U forms, which set APSR.GE.</summary>
    static abstract bool SetsGe { get; }

    /// <summary>The low <paramref name="bits"/> bits of the lane to write, from the exact lane result.</summary>
    static abstract uint Lane(int exact, int bits);
}

internal unsafe struct SignedModular : IParallelKind
{
    public static bool Signed => true;
    public static bool SetsGe => true;
    public static uint Lane(int exact, int bits) => (uint)exact & ((1u << bits) - 1);
}

internal unsafe struct SignedSaturating : IParallelKind
{
    public static bool Signed => true;
    public static bool SetsGe => false;
    public static uint Lane(int exact, int bits)
    {
        int max = (1 << (bits - 1)) - 1;
        int min = -(1 << (bits - 1));
        int value = exact > max ? max : exact < min ? min : exact;
        return (uint)value & ((1u << bits) - 1);
    }
}

internal unsafe struct SignedHalving : IParallelKind
{
    public static bool Signed => true;
    public static bool SetsGe => false;
    public static uint Lane(int exact, int bits) => (uint)(exact >> 1) & ((1u << bits) - 1);
}

internal unsafe struct UnsignedModular : IParallelKind
{
    public static bool Signed => false;
    public static bool SetsGe => true;
    public static uint Lane(int exact, int bits) => (uint)exact & ((1u << bits) - 1);
}

internal unsafe struct UnsignedSaturating : IParallelKind
{
    public static bool Signed => false;
    public static bool SetsGe => false;
    public static uint Lane(int exact, int bits)
    {
        int max = (1 << bits) - 1;
        return (uint)(exact > max ? max : exact < 0 ? 0 : exact);
    }
}

internal unsafe struct UnsignedHalving : IParallelKind
{
    public static bool Signed => false;
    public static bool SetsGe => false;
    public static uint Lane(int exact, int bits) => (uint)(exact >> 1) & ((1u << bits) - 1);
}

/// <summary>
/// Parallel add/subtract (ARM ARM A5.4.1, A5.4.2): cccc 0110 0uop nnnn dddd 1111 ooo1 mmmm.
/// Each handler computes every lane exactly (17 or 9 bits), then the kind wraps, saturates or halves it.
/// GE (S and U forms only): a signed lane sets its GE bits when the result is &gt;= 0; an unsigned sum when it
/// carries out of the lane; an unsigned difference when it does not borrow.
/// </summary>
internal static unsafe class ParallelArithmetic
{
    private static uint Rn(ArmCore core, uint raw) => core.R[(raw >> 16) & 15];   // bits 19:16
    private static uint Rm(ArmCore core, uint raw) => core.R[raw & 15];           // bits 3:0
    private static int Rd(uint raw) => (int)(raw >> 12) & 15;                      // bits 15:12

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HalfLane<TKind>(uint value, int shift)
        where TKind : struct, IParallelKind
        => TKind.Signed ? (short)(value >> shift) : (int)((value >> shift) & 0xFFFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ByteLane<TKind>(uint value, int shift)
        where TKind : struct, IParallelKind
        => TKind.Signed ? (sbyte)(value >> shift) : (int)((value >> shift) & 0xFF);

    /// <summary>Whether a lane result sets its GE bits: signed lanes and differences when &gt;= 0, unsigned sums on carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool GreaterOrEqual<TKind>(int exact, bool isSum, int bits)
        where TKind : struct, IParallelKind
        => TKind.Signed || !isSum ? exact >= 0 : exact >= (1 << bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish16<TKind>(ArmCore core, uint raw, int lo, bool loIsSum, int hi, bool hiIsSum)
        where TKind : struct, IParallelKind
    {
        Media.WriteRegister(core, Rd(raw), TKind.Lane(lo, 16) | (TKind.Lane(hi, 16) << 16));
        if (TKind.SetsGe)
        {
            core.Ge = (GreaterOrEqual<TKind>(lo, loIsSum, 16) ? 0x3u : 0) | (GreaterOrEqual<TKind>(hi, hiIsSum, 16) ? 0xCu : 0);
        }
    }

    // <S|Q|SH|U|UQ|UH>ADD16<c> <Rd>, <Rn>, <Rm>
    public static void Add16<TKind>(ArmCore core, uint raw)
        where TKind : struct, IParallelKind
    {
        uint n = Rn(core, raw), m = Rm(core, raw);
        int lo = HalfLane<TKind>(n, 0) + HalfLane<TKind>(m, 0);
        int hi = HalfLane<TKind>(n, 16) + HalfLane<TKind>(m, 16);
        Finish16<TKind>(core, raw, lo, true, hi, true);
    }

    // <S|Q|SH|U|UQ|UH>ASX<c> <Rd>, <Rn>, <Rm>
    public static void Asx<TKind>(ArmCore core, uint raw)
        where TKind : struct, IParallelKind
    {
        uint n = Rn(core, raw), m = Rm(core, raw);
        int diff = HalfLane<TKind>(n, 0) - HalfLane<TKind>(m, 16);
        int sum = HalfLane<TKind>(n, 16) + HalfLane<TKind>(m, 0);
        Finish16<TKind>(core, raw, diff, false, sum, true);
    }

    // <S|Q|SH|U|UQ|UH>SAX<c> <Rd>, <Rn>, <Rm>
    public static void Sax<TKind>(ArmCore core, uint raw)
        where TKind : struct, IParallelKind
    {
        uint n = Rn(core, raw), m = Rm(core, raw);
        int sum = HalfLane<TKind>(n, 0) + HalfLane<TKind>(m, 16);
        int diff = HalfLane<TKind>(n, 16) - HalfLane<TKind>(m, 0);
        Finish16<TKind>(core, raw, sum, true, diff, false);
    }

    // <S|Q|SH|U|UQ|UH>SUB16<c> <Rd>, <Rn>, <Rm>
    public static void Sub16<TKind>(ArmCore core, uint raw)
        where TKind : struct, IParallelKind
    {
        uint n = Rn(core, raw), m = Rm(core, raw);
        int lo = HalfLane<TKind>(n, 0) - HalfLane<TKind>(m, 0);
        int hi = HalfLane<TKind>(n, 16) - HalfLane<TKind>(m, 16);
        Finish16<TKind>(core, raw, lo, false, hi, false);
    }

    // <S|Q|SH|U|UQ|UH>ADD8<c> <Rd>, <Rn>, <Rm>
    public static void Add8<TKind>(ArmCore core, uint raw)
        where TKind : struct, IParallelKind
    {
        uint n = Rn(core, raw), m = Rm(core, raw);
        uint result = 0, ge = 0;
        for (int i = 0; i < 4; i++)
        {
            int exact = ByteLane<TKind>(n, 8 * i) + ByteLane<TKind>(m, 8 * i);
            result |= TKind.Lane(exact, 8) << (8 * i);
            ge |= GreaterOrEqual<TKind>(exact, true, 8) ? 1u << i : 0;
        }
        Media.WriteRegister(core, Rd(raw), result);
        if (TKind.SetsGe)
        {
            core.Ge = ge;
        }
    }

    // <S|Q|SH|U|UQ|UH>SUB8<c> <Rd>, <Rn>, <Rm>
    public static void Sub8<TKind>(ArmCore core, uint raw)
        where TKind : struct, IParallelKind
    {
        uint n = Rn(core, raw), m = Rm(core, raw);
        uint result = 0, ge = 0;
        for (int i = 0; i < 4; i++)
        {
            int exact = ByteLane<TKind>(n, 8 * i) - ByteLane<TKind>(m, 8 * i);
            result |= TKind.Lane(exact, 8) << (8 * i);
            ge |= exact >= 0 ? 1u << i : 0;
        }
        Media.WriteRegister(core, Rd(raw), result);
        if (TKind.SetsGe)
        {
            core.Ge = ge;
        }
    }
}
