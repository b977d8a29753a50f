// The HAL contract the kernel is written against: entry, context switch, MMU/TLB, interrupts, IPIs, timers.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Kernel.Hal;

/// <summary>
/// Everything the kernel needs from the machine, and nothing more. The kernel is generic over an
/// implementing <em>struct</em> (<c>Kernel&lt;THal&gt;</c>), so every call below is dispatched statically
/// and inlined: no interface call on a kernel path. Cores are named by index. "The thread on a core" is
/// the user thread whose exception the kernel is handling on that core; its registers are live in the
/// core until the kernel saves them.
/// </summary>
public unsafe interface IKernelHal
{
    int CoreCount { get; }

    /// <summary>True when cores run on host threads of their own (the kernel's lock is contended).</summary>
    bool Parallel { get; }

    /// <summary>Board RAM and devices, as physical addresses.</summary>
    PhysicalMemoryMap Memory { get; }

    /// <summary>Installs the kernel's exception entry on every core (kernel boot).</summary>
    void InstallEntry(object kernel);

    /// <summary>The live registers r0-r15 of the mode the core is in (User mode at a user thread's entry).</summary>
    uint* Registers(int core);

    /// <summary>
    /// The address of the next instruction of a core that is not running (between runs of the board, for
    /// reports): for a core that was running a user thread, that thread's real pc, which its saved context
    /// does not hold while its registers are live in the core.
    /// </summary>
    uint StoppedPc(int core);

    /// <summary>The core's clock in emulated cycles, exact even inside an entry.</summary>
    long Now(int core);

    /// <summary>Saves the user thread on <paramref name="core"/> into <paramref name="context"/>, to resume at <paramref name="resumeAt"/>.</summary>
    void SaveContext(int core, UserContext* context, uint resumeAt);

    /// <summary>Makes <paramref name="core"/> run the user thread <paramref name="context"/> describes (always User mode).</summary>
    void LoadContext(int core, UserContext* context);

    /// <summary>True when the thread on <paramref name="core"/> is in Thumb state (at its entry: the state of the instruction that entered).</summary>
    bool InThumbState(int core);

    /// <summary>
    /// Steps the thread on <paramref name="core"/> back to the <c>svc</c> it entered the kernel with (a
    /// call that restarts) and returns that svc's length in bytes, which the resume address goes back by:
    /// 4 in ARM state, 2 in Thumb state (where the svc's own ITSTATE comes back too).
    /// </summary>
    uint RewindToSvc(int core);

    /// <summary>Continues the thread on <paramref name="core"/> at <paramref name="pc"/>.</summary>
    void Resume(int core, uint pc);

    /// <summary>Parks <paramref name="core"/> in the kernel's idle loop (privileged, interrupts open, WFI).</summary>
    void EnterIdle(int core);

    /// <summary>Points <paramref name="core"/>'s TTBR0 and ASID at a user space; <paramref name="flushAll"/> invalidates its whole TLB first.</summary>
    void SetUserSpace(int core, uint ttbr0, uint asid, bool flushAll);

    /// <summary>Sets the user read-only thread register (TPIDRURO), which holds the UTCB address.</summary>
    void SetUtcbPointer(int core, uint utcb);

    /// <summary>Invalidates every TLB entry of <paramref name="asid"/> on all cores (inner shareable, from <paramref name="core"/>).</summary>
    void InvalidateAsid(int core, uint asid);

    /// <summary>True while another core's broadcast TLB maintenance has not reached <paramref name="core"/>.</summary>
    bool TlbFlushPending(int core);

    /// <summary>Applies pending broadcast TLB maintenance on <paramref name="core"/> (its own host thread only).</summary>
    void ServiceTlbFlush(int core);

    /// <summary>True when <paramref name="core"/> is waiting (WFI) or stopped: it executes no user code.</summary>
    bool IsQuiescent(int core);

    /// <summary>Reads the interrupt acknowledge register (the interrupt id, 1023 when none).</summary>
    uint AcknowledgeInterrupt(int core);

    /// <summary>Writes the end-of-interrupt register with an acknowledged value.</summary>
    void EndInterrupt(int core, uint iar);

    /// <summary>True when an interrupt is signalled to <paramref name="core"/> (a preemption point asks this).</summary>
    bool InterruptPending(int core);

    /// <summary>Sends software-generated interrupt <paramref name="sgi"/> to <paramref name="target"/>.</summary>
    void SendSgi(int core, int target, int sgi);

    /// <summary>Routes shared interrupt <paramref name="id"/> to <paramref name="target"/> and enables it at the distributor.</summary>
    void EnableSharedInterrupt(int core, int id, int target);

    /// <summary>Disables (masks) shared interrupt <paramref name="id"/> at the distributor.</summary>
    void DisableSharedInterrupt(int core, int id);

    /// <summary>Starts <paramref name="core"/>'s private timer as a one-shot of <paramref name="cycles"/>.</summary>
    void StartSliceTimer(int core, long cycles);

    /// <summary>Stops <paramref name="core"/>'s private timer and clears its event.</summary>
    void StopSliceTimer(int core);

    /// <summary>Fault address and status registers of the last data abort (DFAR, DFSR) and prefetch abort (IFAR, IFSR).</summary>
    uint DataFaultAddress(int core);

    uint DataFaultStatus(int core);

    uint InstructionFaultAddress(int core);

    uint InstructionFaultStatus(int core);

    /// <summary>
    /// Charges <paramref name="cycles"/> of kernel work to <paramref name="core"/>'s clock and brings its
    /// timers up to date, so an interrupt that falls due meanwhile becomes pending (a preemption point sees it).
    /// </summary>
    void Charge(int core, long cycles);

    /// <summary>Writes kernel or user console output.</summary>
    void WriteConsole(ReadOnlySpan<byte> text);

    /// <summary>Stops the whole board with an exit status (the kernel has nothing left to run).</summary>
    void Stop(int status);
}
