// The three forms of data-processing operand 2: rotated immediate, immediate shift, register shift.
using System.Numerics;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>Produces operand 2 and the shifter's carry-out from an instruction word.</summary>
internal interface IShifterOperand
{
    static abstract uint Get(ArmCore core, uint raw, out uint carry);
}

/// <summary><c>#&lt;const&gt;</c>: imm8 rotated right by twice rot4 (ARMExpandImm_C).</summary>
internal unsafe struct RotatedImmediate : IShifterOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw, out uint carry)
    {
        int rotation = (int)((raw >> 7) & 0x1E);
        uint value = BitOperations.RotateRight(raw & 0xFF, rotation);
        carry = rotation == 0 ? core.Carry : value >> 31;
        return value;
    }
}

/// <summary><c>&lt;Rm&gt;{, &lt;shift&gt; #&lt;n&gt;}</c>: Rm shifted by a constant (DecodeImmShift + Shift_C).</summary>
internal unsafe struct ImmediateShift : IShifterOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw, out uint carry)
    {
        uint rm = core.R[raw & 15];
        int amount = (int)((raw >> 7) & 31);
        uint type = (raw >> 5) & 3;
        if (amount == 0 && type == 0)
        {
            carry = core.Carry;
            return rm;
        }
        return Shifts.ImmediateShift(core, rm, type, amount, out carry);
    }
}

/// <summary><c>&lt;Rm&gt;, &lt;shift&gt; &lt;Rs&gt;</c>: Rm shifted by the bottom byte of Rs.</summary>
internal unsafe struct RegisterShift : IShifterOperand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw, out uint carry)
    {
        uint rm = core.R[raw & 15];
        int amount = (int)(core.R[(raw >> 8) & 15] & 0xFF);
        return Shifts.RegisterShift(core, rm, (raw >> 5) & 3, amount, out carry);
    }
}

/// <summary>The barrel shifter (Shift_C of the ARM ARM).</summary>
internal static unsafe class Shifts
{
    /// <summary>Shift by an immediate: an amount of 0 means 32 for LSR/ASR and RRX for ROR.</summary>
    public static uint ImmediateShift(ArmCore core, uint rm, uint type, int amount, out uint carry)
    {
        switch (type)
        {
            case 0: // LSL #1..31 (LSL #0 is handled by the caller)
                if (amount == 0)
                {
                    carry = core.Carry;
                    return rm;
                }
                carry = (rm >> (32 - amount)) & 1;
                return rm << amount;
            case 1: // LSR #1..32
                if (amount == 0)
                {
                    carry = rm >> 31;
                    return 0;
                }
                carry = (rm >> (amount - 1)) & 1;
                return rm >> amount;
            case 2: // ASR #1..32
                if (amount == 0)
                {
                    carry = rm >> 31;
                    return (uint)((int)rm >> 31);
                }
                carry = (rm >> (amount - 1)) & 1;
                return (uint)((int)rm >> amount);
            default: // ROR #1..31, RRX
                if (amount == 0)
                {
                    carry = rm & 1;
                    return (core.Carry << 31) | (rm >> 1);
                }
                carry = (rm >> (amount - 1)) & 1;
                return BitOperations.RotateRight(rm, amount);
        }
    }

    /// <summary>Shift by a register amount 0-255.</summary>
    public static uint RegisterShift(ArmCore core, uint rm, uint type, int amount, out uint carry)
    {
        if (amount == 0)
        {
            carry = core.Carry;
            return rm;
        }
        switch (type)
        {
            case 0:
                if (amount < 32)
                {
                    carry = (rm >> (32 - amount)) & 1;
                    return rm << amount;
                }
                carry = amount == 32 ? rm & 1 : 0;
                return 0;
            case 1:
                if (amount < 32)
                {
                    carry = (rm >> (amount - 1)) & 1;
                    return rm >> amount;
                }
                carry = amount == 32 ? rm >> 31 : 0;
                return 0;
            case 2:
                if (amount < 32)
                {
                    carry = (rm >> (amount - 1)) & 1;
                    return (uint)((int)rm >> amount);
                }
                carry = rm >> 31;
                return (uint)((int)rm >> 31);
            default:
                int rotation = amount & 31;
                if (rotation == 0)
                {
                    carry = rm >> 31;
                    return rm;
                }
                carry = (rm >> (rotation - 1)) & 1;
                return BitOperations.RotateRight(rm, rotation);
        }
    }

    /// <summary>Shift without carry-out, for addressing modes (Shift of the ARM ARM).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ImmediateShiftNoCarry(ArmCore core, uint raw)
    {
        uint rm = core.R[raw & 15];
        int amount = (int)((raw >> 7) & 31);
        uint type = (raw >> 5) & 3;
        if (amount == 0 && type == 0)
        {
            return rm;
        }
        return ImmediateShift(core, rm, type, amount, out _);
    }
}
