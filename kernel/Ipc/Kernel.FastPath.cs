// The IPC fast path: a short call or reply-and-wait handed straight to a partner waiting on the same core.
using Codezero.Kernel.Abi;
using Codezero.Kernel.Sched;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// A chain of cheap checks, then the few steps the slow path would take for the commonest IPC: the
/// caller sends six registers to a partner already blocked receiving from it, blocks for its own
/// receive, and the partner runs on this core at once. Anything unusual (another tier, a queued sender,
/// a faulting or foreign partner, a partner last run on another core or one that would not run next, a
/// pending suspend) falls back to the slow path. It decides nothing the slow path does not: the state it
/// leaves, the statistics and the cycles charged are the slow path's, so a run is bit-for-bit the same
/// with it on or off (KernelOptions.IpcFastPath; FastPathDifferentialTests).
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    /// <summary>Handles the system call on <paramref name="core"/> if the fast path applies; false sends it to the slow path.</summary>
    private bool TryFastIpc(int core)
    {
        uint* r = _hal.Registers(core);
        uint to = r[0];
        uint from = r[1];
        if (r[12] != (uint)Syscall.Ipc || r[2] != IpcFlags.Short || to == ThreadId.Nil || (from != to && from != ThreadId.Any))
        {
            return false;
        }
        ref CoreState cpu = ref _cpu[core];
        Tcb* caller = Slot(cpu.Current);
        Tcb* partner = Lookup(to);
        if (partner == null || partner == caller || partner->State != ThreadState.BlockedReceive
            || (partner->Partner != ThreadId.Any && partner->Partner != caller->Tid)
            || (partner->Flags & (ThreadFlags.Faulting | PendingRequests)) != 0
            || IpcFlags.Tier(partner->IpcFlags) != IpcFlags.Short
            || partner->Core != core || ((partner->Affinity >> core) & 1) == 0
            || _runQueues[core].HighestPriority >= partner->Priority
            || caller->SendersHead != 0 || (caller->Flags & PendingRequests) != 0
            || SendAuthority(caller, partner, IpcFlags.Short) != 0)
        {
            return false;
        }

        caller->Syscalls++;
        cpu.Syscalls++;
        cpu.ShortIpcs++;
        cpu.FastPathIpcs++;
        ContainerOf(caller)->ShortIpcs++;
        Trace?.Record(Diagnostics.TraceKind.Ipc, core, _hal.Now(core), caller->Tid, partner->Tid, IpcFlags.Short);
        _hal.Charge(core, RendezvousCycles);

        // The message: MR0-MR5 with MR1 the sender, r2 the received flags, r0 the result.
        uint* pr = partner->Context.R;
        pr[0] = 0;
        pr[2] = IpcFlags.Short;
        pr[3] = r[3];
        pr[4] = caller->Tid;
        pr[5] = r[5];
        pr[6] = r[6];
        pr[7] = r[7];
        pr[8] = r[8];

        // The caller waits for its reply (a call) or its next message (reply-and-wait).
        caller->IpcFlags = IpcFlags.Short;
        caller->ReceiveFrom = from;
        _hal.SaveContext(core, &caller->Context, cpu.Resume);
        caller->State = ThreadState.BlockedReceive;
        caller->Partner = from;

        // The partner runs here now, as the slow path's MakeRunnable and Schedule would have it.
        if (partner->SliceLeft <= 0)
        {
            partner->SliceLeft = _options.SliceCycles;
        }
        cpu.Switches++;
        RunOnCore(core, partner); // the partner's Core is already this one (checked above)
        return true;
    }
}
