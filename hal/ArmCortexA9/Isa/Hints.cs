// Handlers of the hints, barriers and preloads: NOP, YIELD, WFE, WFI, SEV, DBG, DMB, DSB, ISB, CLREX, PLD, PLI.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>
/// Barriers need no work on this model: every core sees memory in program order and the decoded-code
/// cache is kept coherent with stores, so DMB, DSB and ISB only end the current block.
/// </summary>
internal static unsafe class Hints
{
    // NOP<c>, YIELD<c>, DBG<c> #<option>, and the unallocated hints that execute as NOP; PLD, PLDW, PLI
    public static void Nop(ArmCore core, uint raw)
    {
    }

    // WFI<c>
    public static void Wfi(ArmCore core, uint raw)
    {
        if (core.IrqLine || core.FiqLine)
        {
            return; // an interrupt is pending (even if masked): WFI completes at once
        }
        core.WaitingForEvent = false;
        core.Waiting = true;
        core.StopBlock = true;
    }

    // WFE<c>
    public static void Wfe(ArmCore core, uint raw)
    {
        if (core.EventRegister || core.IrqLine || core.FiqLine)
        {
            core.EventRegister = false;
            return;
        }
        core.WaitingForEvent = true;
        core.Waiting = true;
        core.StopBlock = true;
    }

    // SEV<c>
    public static void Sev(ArmCore core, uint raw)
    {
        core.Board.SendEvent();
    }

    // DMB #<option>, DSB #<option>
    public static void Barrier(ArmCore core, uint raw)
    {
    }

    // ISB #<option>
    public static void InstructionBarrier(ArmCore core, uint raw)
    {
        core.StopBlock = true;
    }

    // CLREX
    public static void Clrex(ArmCore core, uint raw) => core.ClearExclusive();
}
