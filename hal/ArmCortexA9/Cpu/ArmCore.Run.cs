// The interpreter loop: fetch from the decoded-page cache, check the condition, dispatch through the handler pointer.
using Codezero.Hal.ArmCortexA9.Decoder;

namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    /// <summary>True while the core sleeps in WFI/WFE until an event or interrupt.</summary>
    public volatile bool Waiting;

    /// <summary>The event register WFE consumes and SEV sets.</summary>
    public volatile bool EventRegister;

    /// <summary>True when <see cref="Waiting"/> came from WFE (an event wakes it), false for WFI.</summary>
    public volatile bool WaitingForEvent;

    /// <summary>
    /// Ends a WFI/WFE whose wake-up condition already holds: a pending interrupt, or for WFE an event
    /// that arrived between the instruction's check and the core going to sleep. Runners call this
    /// before letting a core sleep, so no wake-up is lost to that race. True when the core woke.
    /// </summary>
    public bool TryWake()
    {
        if (!Waiting)
        {
            return true;
        }
        if (IrqLine || FiqLine || (WaitingForEvent && EventRegister))
        {
            if (WaitingForEvent)
            {
                EventRegister = false;
            }
            WaitingForEvent = false;
            Waiting = false;
            return true;
        }
        return false;
    }

    /// <summary>Level of this core's IRQ input, driven by the interrupt controller.</summary>
    public volatile bool IrqLine;

    /// <summary>Level of this core's FIQ input.</summary>
    public volatile bool FiqLine;

    /// <summary>Emulated cycles this core has lived through: one per instruction, plus time spent waiting.</summary>
    public long Cycles;

    /// <summary>The cycle at which this core's next timer event is due (long.MaxValue: none).</summary>
    public long NextDeadline = long.MaxValue;

    private long _runBudget;
    private long _left;

    /// <summary>The cycle count now, exact even in the middle of <see cref="Run"/> (devices read it).</summary>
    public long LiveCycles => Cycles + (_runBudget - _left);

    /// <summary>
    /// Executes up to <paramref name="budget"/> instructions and returns how many retired.
    /// Stops early when the core halts or starts waiting. Allocates nothing. ARM and Thumb code run in
    /// their own inner loops; the instruction set is chosen again at every block boundary.
    /// The inner loop stays within one decoded page; leaving it (a branch, a fall-through past its end,
    /// or any handler that sets <see cref="StopBlock"/>) goes back through the fetch TLB, and that block
    /// boundary is where pending interrupts and remote TLB flushes are taken.
    /// </summary>
    public long Run(long budget)
    {
        _runBudget = budget;
        _left = budget;
        uint pc = Pc;
        while (_left > 0 && Halt == HaltReason.None && !Waiting)
        {
            StopBlock = false;
            if (RemoteTlbFlushPending)
            {
                ServiceRemoteTlbFlush();
            }
            if ((FiqLine && (Control & Psr.F) == 0) || (IrqLine && (Control & Psr.I) == 0))
            {
                R[15] = pc + ((Control & Psr.T) != 0 ? 4u : 8u);
                TakeException(FiqLine && (Control & Psr.F) == 0 ? ExceptionKind.Fiq : ExceptionKind.Irq, pc + 4);
                pc = NextPc;
            }
            if ((Control & Psr.T) != 0)
            {
                pc = RunThumbBlock(pc);
                continue;
            }
            DecodedInsn* page = FetchPage(pc);
            if (page == null)
            {
                pc = NextPc; // the prefetch abort was taken; it uses up the aborted instruction's step
                _left--;
                continue;
            }
            uint pageBase = pc & 0xFFFF_F000;
            do
            {
                DecodedInsn* insn = page + ((pc >> 2) & 1023);
                uint raw = insn->Raw;
                R[15] = pc + 8;
                NextPc = pc + 4;
                if (raw >= 0xE000_0000 || ConditionPasses(raw >> 28))
                {
                    insn->Handler(this, raw);
                }
                pc = NextPc;
                _left--;
            }
            while ((pc ^ pageBase) < 0x1000 && !StopBlock && _left > 0);
        }
        Pc = pc;
        R[15] = pc;
        long retired = _runBudget - _left; // not budget: LimitSliceTo may have cut the slice short
        Instructions += retired;
        Cycles += retired;
        _runBudget = 0;
        _left = 0;
        return retired;
    }

    /// <summary>
    /// Ends the current <see cref="Run"/> once the core reaches cycle <paramref name="cycle"/> (the instruction
    /// now executing always completes). Devices call it from this core's own accesses when they bring its next
    /// timer event closer; <see cref="LiveCycles"/> is unchanged. No effect outside Run or on a later cycle.
    /// </summary>
    public void LimitSliceTo(long cycle)
    {
        long allowed = cycle - LiveCycles;
        if (allowed < 1)
        {
            allowed = 1;
        }
        if (allowed < _left)
        {
            long cut = _left - allowed;
            _left -= cut;
            _runBudget -= cut;
        }
    }

    /// <summary>Executes exactly one instruction (tests, the differential fuzzer, debuggers).</summary>
    public long Step() => Run(1);

    /// <summary>Sets the PC from outside the run loop (boot, tests, the kernel resuming a thread).</summary>
    public void SetPc(uint pc)
    {
        Pc = pc;
        NextPc = pc;
        R[15] = pc;
    }
}
