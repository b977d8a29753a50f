// Exception entry: every SVC, abort, undefined instruction and IRQ a core takes arrives here.
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Sched;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

public sealed unsafe partial class Kernel<THal>
{
    /// <summary>Result of a system-call handler that blocked or ended its caller: no value to return now.</summary>
    private const int NoResult = int.MinValue;

    /// <summary>The core whose entry holds the kernel lock (valid only inside an entry).</summary>
    private int _core;

    /// <summary>
    /// The kernel's exception entry, called by the core that took the exception, at the instruction
    /// boundary, with that core's registers live. Returns true: the kernel always handles it.
    /// <paramref name="returnAddress"/> is what LR of the exception mode would hold.
    /// </summary>
    public bool Enter(int core, ExceptionKind kind, uint returnAddress)
    {
        Acquire(core);
        _core = core;
        ref CoreState cpu = ref _cpu[core];
        cpu.Entries++;
        long now = _hal.Now(core);
        if (cpu.Current != 0)
        {
            ContainerOf(Slot(cpu.Current))->Cycles += now - cpu.ResumedAt;
        }
        if (_options.MaxCycles != 0 && now >= _options.MaxCycles && !_timeLimitReached)
        {
            _timeLimitReached = true;
            _hal.Stop(TimeLimitStatus);
        }
        cpu.Saved = cpu.Current == 0;
        cpu.NeedResched = false;
        cpu.Yield = false;
        switch (kind)
        {
            case ExceptionKind.SupervisorCall:
                cpu.Resume = returnAddress;
                if (cpu.Current != 0)
                {
                    if (_options.IpcFastPath && TryFastIpc(core))
                    {
                        cpu.ResumedAt = _hal.Now(core);
                        Release(); // the fast path has switched the core to the partner itself
                        return true;
                    }
                    HandleSyscall(core);
                }
                break;
            case ExceptionKind.Irq:
                cpu.Resume = returnAddress - 4;
                HandleInterrupts(core);
                break;
            case ExceptionKind.DataAbort:
                cpu.Resume = returnAddress - 8;
                uint dfsr = _hal.DataFaultStatus(core);
                HandleFault(core, FaultTag.DataAbort, _hal.DataFaultAddress(core), dfsr, (dfsr >> 11) & 1);
                break;
            case ExceptionKind.PrefetchAbort:
                cpu.Resume = returnAddress - 4;
                HandleFault(core, FaultTag.PrefetchAbort, _hal.InstructionFaultAddress(core), _hal.InstructionFaultStatus(core), 0);
                break;
            case ExceptionKind.Undefined:
                bool thumb = _hal.InThumbState(core);
                cpu.Resume = returnAddress - (thumb ? 2u : 4u); // LR is the instruction + 4 in ARM state, + 2 in Thumb
                uint instruction = ReadInstruction(core, cpu.Resume, thumb);
                if (IsDivideByZeroTrap(instruction, thumb))
                {
                    HandleFault(core, FaultTag.DivideByZero, CallSite(_hal.Registers(core)[14]), 0, 0);
                }
                else
                {
                    HandleFault(core, FaultTag.Undefined, cpu.Resume, instruction, 0);
                }
                break;
            default:
                // FIQ and reset are never enabled for user threads; resume whatever ran.
                cpu.Resume = returnAddress - 4;
                break;
        }
        FinishEntry(core);
        cpu.ResumedAt = _hal.Now(core);
        Release();
        return true;
    }

    /// <summary>The exit status the board stops with when <see cref="KernelOptions.MaxCycles"/> is reached.</summary>
    public const int TimeLimitStatus = 66;

    private bool _timeLimitReached;

    /// <summary>True when the run was stopped by <see cref="KernelOptions.MaxCycles"/>.</summary>
    public bool TimeLimitReached => _timeLimitReached;

    private void HandleInterrupts(int core)
    {
        ref CoreState cpu = ref _cpu[core];
        cpu.Interrupts++;
        while (true)
        {
            uint iar = _hal.AcknowledgeInterrupt(core);
            uint id = iar & 0x3FF;
            if (id == InterruptIds.Spurious)
            {
                break;
            }
            if (id == InterruptIds.SliceTimer)
            {
                SliceTimerFired(core);
            }
            else if (id < 16)
            {
                // Reschedule or shootdown: the core has already reached a block boundary, where any
                // pending TLB maintenance is applied; the scheduler looks again at its queue and thread.
                cpu.NeedResched = true;
            }
            else if (id >= 32)
            {
                Trace?.Record(Diagnostics.TraceKind.Irq, core, _hal.Now(core), id);
                DeliverIrq((int)id);
            }
            _hal.EndInterrupt(core, iar);
        }
    }

    private void HandleFault(int core, uint tag, uint address, uint status, uint extra)
    {
        ref CoreState cpu = ref _cpu[core];
        Tcb* t = CurrentThread(core);
        if (t == null)
        {
            return; // the idle loop cannot fault: its page is the kernel's
        }
        cpu.Faults++;
        t->Faults++;
        ContainerOf(t)->Faults++;
        Trace?.Record(Diagnostics.TraceKind.Fault, core, _hal.Now(core), t->Tid, address, tag);
        SaveCurrent(core);
        t->FaultMessage[0] = tag;
        t->FaultMessage[1] = t->Tid;
        t->FaultMessage[2] = address;
        t->FaultMessage[3] = status;
        t->FaultMessage[4] = cpu.Resume;
        t->FaultMessage[5] = extra;
        SendFault(t);
    }

    /// <summary>
    /// The instruction at a user address of the thread on <paramref name="core"/>, or 0: the A32 word, or
    /// in Thumb state a 16-bit encoding's halfword or a 32-bit encoding as first halfword &lt;&lt; 16 | second.
    /// </summary>
    private uint ReadInstruction(int core, uint pc, bool thumb)
    {
        Tcb* t = CurrentThread(core);
        if (t == null)
        {
            return 0;
        }
        uint l1 = SpaceOf(t)->L1;
        if (!thumb)
        {
            uint word = 0;
            Mm.UserMemory.TryCopyIn(_memory, l1, pc, new System.Span<byte>(&word, 4));
            return word;
        }
        ushort first = 0, second = 0;
        if (!Mm.UserMemory.TryCopyIn(_memory, l1, pc, new System.Span<byte>(&first, 2)))
        {
            return 0;
        }
        if (ThumbLength(first) == 2)
        {
            return first;
        }
        Mm.UserMemory.TryCopyIn(_memory, l1, pc + 2, new System.Span<byte>(&second, 2));
        return (uint)first << 16 | second;
    }

    /// <summary>True for <c>udf #0xd0</c>, the trap libl4's division-by-zero handlers raise: A32, T16 or T32.</summary>
    private static bool IsDivideByZeroTrap(uint instruction, bool thumb)
    {
        const uint trap = FaultTag.DivideByZeroTrap;
        return thumb
            ? instruction == (0xDE00u | trap) || instruction == (0xF7F0_A000u | trap)
            : instruction == (0xE7F0_00F0u | (trap >> 4) << 8 | (trap & 0xF));
    }

    /// <summary>The pc of the call (a 4-byte BL or BLX, in either state) that returns to <paramref name="linkRegister"/>.</summary>
    private static uint CallSite(uint linkRegister)
    {
        uint returnAddress = linkRegister & ~1u; // bit 0: the caller is Thumb code
        return returnAddress >= 4 ? returnAddress - 4 : returnAddress;
    }

    /// <summary>Bytes of the Thumb instruction whose first halfword is <paramref name="first"/>: 4 for 0b11101/0b11110/0b11111 prefixes, else 2.</summary>
    private static uint ThumbLength(uint first) => (first >> 11) >= 0b11101 ? 4u : 2u;

    /// <summary>
    /// Bytes of the instruction <paramref name="t"/> (not running) would resume at: 4 in ARM state; in
    /// Thumb state 2 or 4 from its first halfword (2 when that cannot be read).
    /// </summary>
    private uint InstructionLength(Tcb* t)
    {
        if (!t->Context.Thumb)
        {
            return 4;
        }
        ushort first = 0;
        Mm.UserMemory.TryCopyIn(_memory, SpaceOf(t)->L1, t->Context.Pc, new System.Span<byte>(&first, 2));
        return ThumbLength(first);
    }

    /// <summary>Applies requests left for the current thread, chooses who runs, and resumes the core.</summary>
    private void FinishEntry(int core)
    {
        ref CoreState cpu = ref _cpu[core];
        Tcb* current = CurrentThread(core);
        if (current != null && (current->Flags & (ThreadFlags.SuspendPending | ThreadFlags.DestroyPending)) != 0)
        {
            ApplyPendingRequests(current);
        }
        current = CurrentThread(core);
        if (cpu.NeedResched || current == null || current->State != ThreadState.Running)
        {
            Schedule(core);
        }
        else
        {
            _hal.Resume(core, cpu.Resume);
        }
    }

    /// <summary>Saves the current thread's registers into its TCB, once per entry.</summary>
    private void SaveCurrent(int core)
    {
        ref CoreState cpu = ref _cpu[core];
        if (!cpu.Saved)
        {
            Tcb* t = CurrentThread(core);
            _hal.SaveContext(core, &t->Context, cpu.Resume);
            cpu.Saved = true;
        }
    }

    /// <summary>Sets a thread's system-call result: in the core if it is the live caller, else in its saved context.</summary>
    private void SetResult(Tcb* t, int value)
    {
        ref CoreState cpu = ref _cpu[_core];
        if (cpu.Current == SlotOf(t) && !cpu.Saved)
        {
            _hal.Registers(_core)[0] = (uint)value;
        }
        else
        {
            t->Context.R[0] = (uint)value;
        }
    }

    /// <summary>A thread's register <paramref name="n"/> as it stands (live in the core, or saved).</summary>
    private uint UserRegister(Tcb* t, int n)
    {
        ref CoreState cpu = ref _cpu[_core];
        return cpu.Current == SlotOf(t) && !cpu.Saved ? _hal.Registers(_core)[n] : t->Context.R[n];
    }

    private void SetUserRegister(Tcb* t, int n, uint value)
    {
        ref CoreState cpu = ref _cpu[_core];
        if (cpu.Current == SlotOf(t) && !cpu.Saved)
        {
            _hal.Registers(_core)[n] = value;
        }
        else
        {
            t->Context.R[n] = value;
        }
    }
}
