// Handlers of the data-processing instructions (AND..MVN in three operand forms), MOVW and MOVT.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>Data-processing handlers. One generic body, specialised by the JIT per opcode, operand form and S bit.</summary>
internal static unsafe class DataProcessing
{
    // <op>{S}<c> <Rd>, <Rn>, <operand2>
    public static void Execute<TOp, TOperand, TFlags>(ArmCore core, uint raw)
        where TOp : struct, IAluOperation
        where TOperand : struct, IShifterOperand
        where TFlags : struct, ISetFlags
    {
        uint b = TOperand.Get(core, raw, out uint shifterCarry);
        uint a = core.R[(raw >> 16) & 15];
        int rd = (int)(raw >> 12) & 15;
        if (TFlags.Value)
        {
            if (TOp.WritesResult && rd == 15)
            {
                ExceptionReturn(core, TOp.Compute(core, a, b, out _, out _));
                return;
            }
            uint result = TOp.Compute(core, a, b, out uint carry, out uint overflow);
            if (TOp.IsLogical)
            {
                core.SetNzc(result, shifterCarry);
            }
            else
            {
                core.SetNzcv(result, carry, overflow);
            }
            if (TOp.WritesResult)
            {
                core.R[rd] = result;
            }
        }
        else
        {
            core.WriteAluResult(rd, TOp.Compute(core, a, b, out _, out _));
        }
    }

    /// <summary>SUBS PC, LR and friends: CPSR takes SPSR, then the PC takes the result.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ExceptionReturn(ArmCore core, uint address)
    {
        if (!core.HasSpsr)
        {
            // UNPREDICTABLE in User and System mode; the A9 model branches without touching CPSR.
            core.BxWritePc(address);
            return;
        }
        core.ReturnFromException(core.Spsr, address);
    }

    // MOVW<c> <Rd>, #<imm16>
    public static void MovW(ArmCore core, uint raw)
    {
        int rd = (int)(raw >> 12) & 15;
        if (rd == 15)
        {
            core.Undefined(); // UNPREDICTABLE; treated as UNDEFINED as QEMU does
            return;
        }
        core.R[rd] = ((raw >> 4) & 0xF000) | (raw & 0xFFF);
    }

    // MOVT<c> <Rd>, #<imm16>
    public static void MovT(ArmCore core, uint raw)
    {
        int rd = (int)(raw >> 12) & 15;
        if (rd == 15)
        {
            core.Undefined();
            return;
        }
        core.R[rd] = (core.R[rd] & 0xFFFF) | (((raw >> 4) & 0xF000) | (raw & 0xFFF)) << 16;
    }

    /// <summary>The handler for one opcode in one operand form with or without S.</summary>
    public static delegate*<ArmCore, uint, void> Pick<TOp>(OperandForm form, bool setFlags)
        where TOp : struct, IAluOperation
    {
        return (form, setFlags) switch
        {
            (OperandForm.Immediate, true) => &Execute<TOp, RotatedImmediate, SetFlags>,
            (OperandForm.Immediate, false) => &Execute<TOp, RotatedImmediate, KeepFlags>,
            (OperandForm.ImmediateShift, true) => &Execute<TOp, ImmediateShift, SetFlags>,
            (OperandForm.ImmediateShift, false) => &Execute<TOp, ImmediateShift, KeepFlags>,
            (OperandForm.RegisterShift, true) => &Execute<TOp, RegisterShift, SetFlags>,
            _ => &Execute<TOp, RegisterShift, KeepFlags>,
        };
    }
}
