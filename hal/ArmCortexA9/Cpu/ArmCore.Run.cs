// The interpreter loop: fetch from the decoded-page cache, check the condition, dispatch through the handler pointer.
using Codezero.Hal.ArmCortexA9.Decoder;

namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    /// <summary>True while the core sleeps in WFI/WFE until an event or interrupt.</summary>
    public bool Waiting;

    /// <summary>The event register WFE consumes and SEV sets.</summary>
    public bool EventRegister;

    /// <summary>True when <see cref="Waiting"/> came from WFE (an event wakes it), false for WFI.</summary>
    public bool WaitingForEvent;

    /// <summary>
    /// Executes up to <paramref name="budget"/> instructions and returns how many retired.
    /// Stops early when the core halts or starts waiting. Allocates nothing.
    /// The inner loop stays within one decoded page; leaving it (a branch, a fall-through past its end,
    /// or any handler that sets <see cref="StopBlock"/>) goes back through the fetch TLB.
    /// </summary>
    public long Run(long budget)
    {
        long remaining = budget;
        uint pc = Pc;
        while (remaining > 0 && Halt == HaltReason.None && !Waiting)
        {
            if ((Control & Psr.T) != 0)
            {
                Halt = HaltReason.ThumbUnsupported;
                break;
            }
            StopBlock = false;
            if (RemoteTlbFlushPending)
            {
                ServiceRemoteTlbFlush();
            }
            DecodedInsn* page = FetchPage(pc);
            if (page == null)
            {
                pc = NextPc; // the prefetch abort was taken; it uses up the aborted instruction's step
                remaining--;
                continue;
            }
            uint pageBase = pc & 0xFFFF_F000;
            long n = remaining;
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
                n--;
            }
            while ((pc ^ pageBase) < 0x1000 && !StopBlock && n > 0);
            remaining = n;
        }
        Pc = pc;
        R[15] = pc;
        long retired = budget - remaining;
        Instructions += retired;
        return retired;
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
