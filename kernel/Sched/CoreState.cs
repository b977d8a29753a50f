// What the kernel keeps per core: the thread it runs, its slice, the entry in progress.
using System.Runtime.InteropServices;

namespace Codezero.Kernel.Sched;

[StructLayout(LayoutKind.Sequential)]
public struct CoreState
{
    /// <summary>Slot of the thread the core runs (0: idle).</summary>
    public int Current;

    /// <summary>Cycle at which the current slice ends.</summary>
    public long SliceEnd;

    /// <summary>Cycle the private timer is armed to fire at (0: stopped). It may be earlier than <see cref="SliceEnd"/>, never later.</summary>
    public long TimerArmedUntil;

    /// <summary>Slot of the space in TTBR0 (0: none).</summary>
    public int Space;

    /// <summary>The cycle at which the core last returned to user code (to charge what its thread ran).</summary>
    public long ResumedAt;

    /// <summary>Set during an entry when the scheduler must choose again before returning.</summary>
    public bool NeedResched;

    /// <summary>During an entry: the current thread gave up the rest of its slice (thread_switch).</summary>
    public bool Yield;

    /// <summary>During an entry: the current thread's registers are already in its TCB.</summary>
    public bool Saved;

    /// <summary>During an entry: where the current thread resumes if it keeps running.</summary>
    public uint Resume;

    /// <summary>Statistics.</summary>
    public long Entries, Syscalls, Interrupts, Switches, Faults, IdleEntries;

    /// <summary>Statistics: IPC rendezvous by tier (short, full, extended), and calls the fast path took.</summary>
    public long ShortIpcs, FullIpcs, ExtendedIpcs, FastPathIpcs;
}
