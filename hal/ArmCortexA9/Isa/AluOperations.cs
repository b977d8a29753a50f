// The sixteen data-processing operations, as structs the handlers are specialised over.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>One data-processing opcode: its result and, for arithmetic, carry and overflow.</summary>
internal interface IAluOperation
{
    /// <summary>False for TST, TEQ, CMP, CMN: they only set flags.</summary>
    static abstract bool WritesResult { get; }

    /// <summary>True when C comes from the shifter and V is kept (AND, EOR, TST, TEQ, ORR, MOV, BIC, MVN).</summary>
    static abstract bool IsLogical { get; }

    static abstract uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow);
}

/// <summary>Whether an S-bit form sets the flags.</summary>
internal interface ISetFlags
{
    static abstract bool Value { get; }
}

internal unsafe struct SetFlags : ISetFlags { public static bool Value => true; }
internal unsafe struct KeepFlags : ISetFlags { public static bool Value => false; }

internal static unsafe class AddWithCarry
{
    /// <summary>AddWithCarry(a, b, carryIn) of the ARM ARM.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Compute(uint a, uint b, uint carryIn, out uint carry, out uint overflow)
    {
        ulong wide = (ulong)a + b + carryIn;
        uint result = (uint)wide;
        carry = (uint)(wide >> 32);
        overflow = ((a ^ result) & (b ^ result)) >> 31;
        return result;
    }
}

internal unsafe struct AndOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return a & b; }
}

internal unsafe struct EorOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return a ^ b; }
}

internal unsafe struct SubOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => false;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) => AddWithCarry.Compute(a, ~b, 1, out carry, out overflow);
}

internal unsafe struct RsbOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => false;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) => AddWithCarry.Compute(~a, b, 1, out carry, out overflow);
}

internal unsafe struct AddOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => false;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) => AddWithCarry.Compute(a, b, 0, out carry, out overflow);
}

internal unsafe struct AdcOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => false;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) => AddWithCarry.Compute(a, b, core.Carry, out carry, out overflow);
}

internal unsafe struct SbcOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => false;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) => AddWithCarry.Compute(a, ~b, core.Carry, out carry, out overflow);
}

internal unsafe struct RscOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => false;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) => AddWithCarry.Compute(~a, b, core.Carry, out carry, out overflow);
}

internal unsafe struct TstOp : IAluOperation
{
    public static bool WritesResult => false;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return a & b; }
}

internal unsafe struct TeqOp : IAluOperation
{
    public static bool WritesResult => false;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return a ^ b; }
}

internal unsafe struct CmpOp : IAluOperation
{
    public static bool WritesResult => false;
    public static bool IsLogical => false;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) => AddWithCarry.Compute(a, ~b, 1, out carry, out overflow);
}

internal unsafe struct CmnOp : IAluOperation
{
    public static bool WritesResult => false;
    public static bool IsLogical => false;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) => AddWithCarry.Compute(a, b, 0, out carry, out overflow);
}

internal unsafe struct OrrOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return a | b; }
}

internal unsafe struct MovOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return b; }
}

internal unsafe struct BicOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return a & ~b; }
}

internal unsafe struct MvnOp : IAluOperation
{
    public static bool WritesResult => true;
    public static bool IsLogical => true;
    public static uint Compute(ArmCore core, uint a, uint b, out uint carry, out uint overflow) { carry = overflow = 0; return ~b; }
}
